/**
 * `npm run test:package`: mlpages as a user gets it. In an empty temporary folder: `npm pack` of
 * this repository, `npx --package <tarball> mlpages init site`, `npm install <tarball>` in site/,
 * then `npm run build` from a file store (written by the demo's writer) and from a SQLite store
 * with a model registry (a copy of examples/), checking one page per exported run and model
 * version, no src/pages, and a clean `npx mlpages check`. Then the new project's GitLab Pages job
 * and merge-request preview jobs run under gitlab-ci-local's shell executor, and the built sites
 * must be in their artifacts. Prints each step as a plain line, the tarball's size and the time
 * from init to a built site; fails naming the step. Needs git and rsync (gitlab-ci-local), and
 * npm's cache holding the dependencies (it installs with --prefer-offline).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseComponent, renderComponent } from './ci/gitlab-component.ts';
import { generateDemo } from './demo/generate.ts';

const REPO = resolve(import.meta.dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];
const PAGES_URL = 'https://team.gitlab.io/site';

let checks = 0;
const failures: string[] = [];
let current = '';

function step(name: string): void {
	current = name;
	console.log(`\n==> ${name}`);
}

/** Records one check of the current step; a failed one stops the run at the end of the step. */
function check(ok: boolean, what: string): void {
	checks++;
	if (ok) console.log(`ok: ${what}`);
	else {
		failures.push(`${current}: ${what}`);
		console.log(`FAILED: ${what}`);
	}
}

/** Stops with the failed checks of the step, if any. */
function endStep(): void {
	if (failures.length > 0) fail(`${failures.length} check${failures.length === 1 ? '' : 's'} failed:\n${failures.map((f) => `- ${f}`).join('\n')}`);
}

function fail(message: string): never {
	console.error(`\ntest:package failed at step "${current}": ${message}`);
	console.error(`The work folder is kept for a look: ${work}`);
	console.log(`package: ${checks - failures.length} passed, ${Math.max(failures.length, 1)} failed`);
	process.exit(1);
}

/** Runs a command with its output shown; fails the step when it exits non-zero. */
function run(command: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<void> {
	console.log(`$ ${[command, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}  (in ${relative(work, cwd) || '.'})`);
	return new Promise((resolvePromise) => {
		const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env } });
		child.on('error', (error) => fail(`${command} could not start: ${error.message}`));
		child.on('exit', (code, signal) => (code === 0 ? resolvePromise() : fail(`${command} ${args.join(' ')} exited with ${code ?? signal}`)));
	});
}

function git(cwd: string, ...args: string[]): string {
	return execFileSync('git', ['-c', 'user.name=mlpages test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' }).toString('utf8');
}

/** Every index.html under `dir`, as paths relative to it. */
function pages(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p === 'index.html' || p.endsWith('/index.html'));
}

/** Checks a built site against the snapshot it was built from: one page per run and per model version. */
function checkSite(site: string, label: string): { runs: number; versions: number } {
	const manifest = JSON.parse(readFileSync(join(site, 'content', 'manifest.json'), 'utf8')) as { counts: { runs: number; modelVersions: number; registeredModels: number } };
	const built = pages(join(site, 'dist'));
	const runPages = built.filter((p) => /^runs\/[^/]+\/index\.html$/.test(p)).length;
	// `models/<model>/timeline/` is each model's history from git, not a version (versions are numbers).
	const versionPages = built.filter((p) => /^models\/[^/]+\/[^/@]+\/index\.html$/.test(p) && !/^models\/[^/]+\/timeline\//.test(p)).length;
	const timelines = built.filter((p) => /^models\/[^/]+\/timeline\/index\.html$/.test(p)).length;
	check(manifest.counts.runs > 0, `${label}: the export has runs (${manifest.counts.runs})`);
	check(runPages === manifest.counts.runs, `${label}: one page per exported run (${runPages} pages, ${manifest.counts.runs} runs)`);
	check(versionPages === manifest.counts.modelVersions, `${label}: one page per model version (${versionPages} pages, ${manifest.counts.modelVersions} versions)`);
	check(timelines === manifest.counts.registeredModels, `${label}: a timeline per registered model (${timelines} pages, ${manifest.counts.registeredModels} models)`);
	return { runs: manifest.counts.runs, versions: manifest.counts.modelVersions };
}

/** The folder gitlab-ci-local keeps a job's artifacts in (it encodes the `:` of a job name as `Og`). */
function artifacts(project: string, job: string): string {
	return join(project, '.gitlab-ci-local', 'artifacts', job.replaceAll(':', 'Og'));
}

const readText = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const work = mkdtempSync(join(tmpdir(), 'mlpages-package-'));
console.log(`test:package in ${work}`);

step('npm pack');
const packed = JSON.parse(execFileSync(NPM, ['pack', '--json', '--pack-destination', work], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] }).toString('utf8')) as Array<{
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: Array<{ path: string }>;
}>;
const pack = packed[0]!;
const tarball = join(work, pack.filename);
console.log(`Tarball ${pack.filename}: ${kb(pack.size)} packed, ${kb(pack.unpackedSize)} unpacked, ${pack.entryCount} files.`);
const shipped = pack.files.map((f) => f.path);
check(['bin/mlpages.js', 'lib/index.js', 'lib/cli/main.js', 'src/collections.ts', 'src/routes/index.astro', 'src/init/template/_gitignore', 'src/init/template/_gitlab-ci.yml'].every((f) => shipped.includes(f)), 'the tarball holds the command, the integration, the routes and the init template');
const extra = shipped.filter((f) => /^(test|scripts|examples|templates|docs\/screenshots|\.ci|\.github|node_modules)\//.test(f) || f.endsWith('.tgz') || f === '.gitlab-ci.yml' || f === 'action.yml');
check(extra.length === 0, `the tarball ships nothing users do not need${extra.length ? `: ${extra.slice(0, 5).join(', ')}` : ''}`);
endStep();

step('npx --package <tarball> mlpages init site');
const initStarted = performance.now();
await run(NPM, ['exec', ...INSTALL_FLAGS, '--yes', '--package', tarball, '--', 'mlpages', 'init', 'site'], work);
const site = join(work, 'site');
check(existsSync(join(site, 'package.json')) && existsSync(join(site, '.gitlab-ci.yml')) && existsSync(join(site, '.github', 'workflows', 'pages.yml')), 'init wrote the project with its CI files');
check(!existsSync(join(site, 'src', 'pages')), 'the new project has no src/pages');
endStep();

step('npm install <tarball> in site/');
// The tarball sits inside the project, so the dependency (file:mlpages-….tgz) also resolves in
// the copies gitlab-ci-local makes of the project for its jobs.
cpSync(tarball, join(site, pack.filename));
await run(NPM, ['install', ...INSTALL_FLAGS, `./${pack.filename}`], site);
check(existsSync(join(site, 'node_modules', 'mlpages', 'lib', 'cli', 'main.js')), 'mlpages is installed from the tarball');
check(existsSync(join(site, 'package-lock.json')), 'npm wrote package-lock.json, which the CI jobs install from');
endStep();

step('npm run build from a file store (mlruns/)');
const stores = join(work, 'stores');
const fileStore = join(stores, 'mlruns');
await generateDemo({ out: fileStore, format: 'file' });
await run(NPM, ['run', 'build'], site, { MLFLOW_TRACKING_URI: fileStore });
const initToSite = performance.now() - initStarted;
const fromFiles = checkSite(site, 'file store');
check(!existsSync(join(site, 'src', 'pages')), 'the build left no src/pages');
await run(NPM, ['exec', '--', 'mlpages', 'check'], site);
endStep();

step('npm run build from a SQLite store with a model registry (mlflow.db)');
const sqliteStore = join(stores, 'sqlite');
mkdirSync(sqliteStore, { recursive: true });
cpSync(join(REPO, 'examples', 'mlflow.db'), join(sqliteStore, 'mlflow.db'));
cpSync(join(REPO, 'examples', 'mlartifacts'), join(sqliteStore, 'mlartifacts'), { recursive: true });
const sqliteStarted = performance.now();
await run(NPM, ['run', 'build'], site, { MLFLOW_TRACKING_URI: join(sqliteStore, 'mlflow.db') });
const sqliteBuild = performance.now() - sqliteStarted;
const fromSqlite = checkSite(site, 'SQLite store');
check(fromSqlite.versions > 0, `the registry's model versions are published (${fromSqlite.versions})`);
await run(NPM, ['exec', '--', 'mlpages', 'check'], site);
endStep();

step("the new project's GitLab Pages job (gitlab-ci-local --force-shell-executor --shell-isolation)");
// The project as a user commits it (content/ summaries included, see its .gitignore), pushed to
// an origin that the merge-request job fetches its target branch from.
const origin = join(work, 'origin.git');
git(work, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
// main's snapshot is one run older than the store, so the merge request has something to show.
const runsDir = join(site, 'content', 'runs');
const removedRun = readdirSync(runsDir).sort()[0]!.replace(/\.json$/, '');
rmSync(join(runsDir, `${removedRun}.json`));
git(site, 'init', '--quiet', '--initial-branch=main');
git(site, 'add', '--all');
git(site, 'commit', '--quiet', '-m', 'An mlpages site');
git(site, 'remote', 'add', 'origin', origin);
git(site, 'push', '--quiet', 'origin', 'main');
check(git(site, 'ls-files', 'content/manifest.json').trim() === 'content/manifest.json', 'the snapshot summary is committed');
const npmCache = execFileSync(NPM, ['config', 'get', 'cache'], { stdio: ['ignore', 'pipe', 'inherit'] }).toString('utf8').trim();
const gitlabCiLocal = join(REPO, 'node_modules', '.bin', 'gitlab-ci-local');
// --shell-isolation gives every job its own copy of the project, as a runner gives every job its
// own checkout: without it the shell executor runs them all in site/, and the three shard jobs'
// `npm ci` empty each other's node_modules/ while they run.
const jobFlags = (vars: Record<string, string>, unset: string[] = []) => [
	'--force-shell-executor',
	'--shell-isolation',
	'--no-color',
	...Object.entries({ CI_DEFAULT_BRANCH: 'main', CI_PAGES_URL: PAGES_URL, npm_config_cache: npmCache, ...vars }).flatMap(([k, v]) => ['--variable', `${k}=${v}`]),
	...unset.flatMap((k) => ['--unset-variable', k]),
	'--ignore-predefined-vars',
	['CI_DEFAULT_BRANCH', 'CI_PAGES_URL', ...Object.keys(vars), ...unset].join(','),
];
const pagesStarted = performance.now();
await run(gitlabCiLocal, ['pages', ...jobFlags({ MLFLOW_TRACKING_URI: join(sqliteStore, 'mlflow.db') })], site);
const pagesJob = performance.now() - pagesStarted;
const published = join(artifacts(site, 'pages'), 'dist');
check(pages(published).length > fromSqlite.runs, `the pages job left the site in its artifacts (${pages(published).length} pages)`);
check(readText(join(published, 'index.html')).includes('href="/site/'), 'its links are under the Pages path /site/');
endStep();

step('the component with shards: 3 (mlpages:shard in parallel, then pages:merge)');
// The same project and store as the pages job, built by three parallel jobs and merged: the
// published site must be the pages job's, file for file. The file is not committed, so the commit
// in the footer stays the same.
const ciFile = join(site, '.gitlab-ci.yml');
const initCi = readFileSync(ciFile, 'utf8');
writeFileSync(ciFile, renderComponent(parseComponent(readFileSync(join(REPO, 'templates', 'pages.yml'), 'utf8')), { shards: 3 }));
const shardedStarted = performance.now();
await run(gitlabCiLocal, ['pages:merge', '--needs', ...jobFlags({ MLFLOW_TRACKING_URI: join(sqliteStore, 'mlflow.db') })], site);
const shardedJobs = performance.now() - shardedStarted;
writeFileSync(ciFile, initCi);
const merged = join(artifacts(site, 'pages:merge'), 'dist');
const siteFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile()).sort() : []);
const mergedFiles = siteFiles(merged);
check(mergedFiles.length > 0 && JSON.stringify(mergedFiles) === JSON.stringify(siteFiles(published)), `pages:merge published the same files as the pages job (${mergedFiles.length})`);
const differing = mergedFiles.filter((p) => !readFileSync(join(merged, p)).equals(readFileSync(join(published, p))));
check(differing.length === 0, `with the same bytes${differing.length ? `, except ${differing.slice(0, 5).join(', ')}` : ''}`);
endStep();

step("the new project's merge-request preview jobs (mlpages:review, pages:preview)");
// The merge request exports the file store, so its snapshot differs from the committed one.
const previewStarted = performance.now();
await run(
	gitlabCiLocal,
	[
		'pages:preview',
		'--needs',
		...jobFlags(
			// A GitLab with parallel deployments gives the jobs of a merge request its preview
			// address; the preview job publishes only there.
			{ CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_IID: '7', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', CI_PAGES_URL: `${PAGES_URL}/mr-7`, MLFLOW_TRACKING_URI: fileStore },
			['CI_COMMIT_BRANCH'],
		),
	],
	site,
);
const previewJobs = performance.now() - previewStarted;
const review = artifacts(site, 'mlpages:review');
const preview = join(artifacts(site, 'pages:preview'), 'dist');
const summary = readText(join(review, 'diff.md'));
check(summary.startsWith('<!-- mlpages-diff -->'), 'mlpages:review compared with main and left diff.md');
check(existsSync(join(review, 'diff.json')), 'and diff.json');
check(summary.includes('1 new') && summary.includes(`${PAGES_URL}/mr-7/changes/`), 'the summary counts the new run and links to the preview at /site/mr-7/');
check(pages(preview).length > fromFiles.runs, `pages:preview left the preview site in its artifacts (${pages(preview).length} pages)`);
check(readText(join(preview, 'changes', 'index.html')).includes(removedRun.slice(0, 8)), 'the preview has /changes/ naming the new run');
check(readText(join(preview, 'index.html')).includes('href="/site/mr-7/'), 'the preview lives under /site/mr-7/');
endStep();

step('summary');
const bytes = (paths: string[]) => paths.reduce((sum, p) => sum + statSync(join(site, p)).size, 0);
const committed = git(site, 'ls-files', '-z', 'content').split('\0').filter(Boolean);
const everything = readdirSync(join(site, 'content'), { recursive: true, encoding: 'utf8' }).map((p) => join('content', p)).filter((p) => statSync(join(site, p)).isFile());
console.log(`Tarball: ${kb(pack.size)} packed, ${kb(pack.unpackedSize)} unpacked, ${pack.entryCount} files.`);
console.log(`From mlpages init to a built site (file store, ${fromFiles.runs} runs, install included): ${seconds(initToSite)}.`);
console.log(`Build from the SQLite store (${fromSqlite.runs} runs, ${fromSqlite.versions} model versions): ${seconds(sqliteBuild)}.`);
console.log(`GitLab pages job: ${seconds(pagesJob)}; merge-request jobs: ${seconds(previewJobs)}; three shard jobs and pages:merge: ${seconds(shardedJobs)} (gitlab-ci-local, shell executor).`);
console.log(`Snapshot: ${kb(bytes(committed))} in ${committed.length} committed files of content/; ${kb(bytes(everything))} with the series, histories and artifacts git ignores.`);
rmSync(work, { recursive: true, force: true });
console.log(`package: ${checks} passed, 0 failed`);
