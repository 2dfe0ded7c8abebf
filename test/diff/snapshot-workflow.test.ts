/**
 * The snapshot workflow of a project made by `mlpages init`, as its users and its CI run it, in a
 * git repository this test makes: export the example store, commit (the init .gitignore decides
 * what), change the store on a branch as a merge request would, export and commit again, then
 * `mlpages diff main HEAD` from the project; and a fresh clone, as CI has it (the committed
 * summaries, no series/, histories/ or node_modules/.cache), exports and builds the site.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, scratchDir, type BuildOutcome } from '../reports/build-site.ts';
import { readTree } from '../export/helpers/snapshot-tree.ts';
import { ROOT } from '../support/example-site.ts';

const BIN = join(ROOT, 'bin/mlpages.js');
const work = mkdtempSync(join(tmpdir(), 'mlpages-workflow-'));
const store = join(work, 'store', 'mlflow.db');
const project = join(work, 'analysis');
const ci = join(work, 'ci');
const scratch = scratchDir('mlpages-workflow-');
afterAll(() => {
	rmSync(work, { recursive: true, force: true });
	rmSync(scratch, { recursive: true, force: true });
});

interface Outcome {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs `file args` in `cwd` and never throws: its exit status, stdout and stderr. */
function run(file: string, args: readonly string[], cwd: string, extra: Record<string, string> = {}): Promise<Outcome> {
	// Without FORCE_COLOR: with NO_COLOR beside it, Node warns on stderr with the process id in it.
	const { FORCE_COLOR: _, ...inherited } = process.env;
	const env = { ...inherited, NO_COLOR: '1', MLPAGES_PREVIEW_URL: '', MLFLOW_TRACKING_URI: '', MLPAGES_CONTENT_DIR: '', ...extra };
	return new Promise((resolve) => {
		execFile(file, [...args], { cwd, env }, (error, stdout, stderr) =>
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
		);
	});
}
const mlpages = (args: readonly string[], cwd = project, env: Record<string, string> = {}) => run(process.execPath, [BIN, ...args], cwd, env);
/** The root URL the merge request's preview is published at, as CI gives it. */
const PREVIEW = 'https://group.gitlab.io/project/mr-7';

function git(cwd: string, ...args: string[]): string {
	const identity = ['-c', 'user.name=Ana', '-c', 'user.email=ana@example.org', '-c', 'commit.gpgsign=false'];
	return execFileSync('git', [...identity, ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
}

/** Changes the store as MLflow would: a registry edit, a run deleted in the UI. */
function inStore(...statements: string[]): void {
	const db = new DatabaseSync(store);
	try {
		for (const statement of statements) db.exec(statement);
	} finally {
		db.close();
	}
}
const moveAlias = (alias: string, version: number) =>
	`UPDATE registered_model_aliases SET version = ${version} WHERE name = 'penguins-classifier' AND alias = '${alias}'`;

async function mustSucceed(outcome: Promise<Outcome>): Promise<Outcome> {
	const done = await outcome;
	if (done.code !== 0) throw new Error(`exit status ${done.code}:\n${done.stdout}\n${done.stderr}`);
	return done;
}

let beforeExport: Outcome;
let fromProject: Outcome;
let withRoot: Outcome;
let npmRun: Outcome;
let inCi: Outcome;
let previewDiff: Outcome;
let ciStatus: string;
/** What the fresh clone held before its export. */
let cloned: Record<string, boolean>;
let build: BuildOutcome;

beforeAll(async () => {
	cpSync(join(ROOT, 'examples/mlflow.db'), store);
	cpSync(join(ROOT, 'examples/mlartifacts'), join(work, 'store', 'mlartifacts'), { recursive: true });
	await mustSucceed(mlpages(['init', 'analysis', '--source', '../store/mlflow.db'], work));
	const configFile = join(project, 'mlpages.config.mjs');
	const config = readFileSync(configFile, 'utf8');
	const gate = '\tdiff: { thresholds: { val_loss: { maxWorseningPct: 5 }, val_accuracy: { maxWorsening: 0.01 } } },';
	writeFileSync(configFile, config.replace(/^\t\/\/ diff: .*$/m, gate));
	expect(readFileSync(configFile, 'utf8')).toContain(gate);
	git(project, 'init', '--quiet', '--initial-branch=main');
	git(project, 'add', '--all');
	git(project, 'commit', '--quiet', '-m', 'mlpages init');
	beforeExport = await mlpages(['diff', 'main', 'HEAD']);

	// main: @champion is the logistic regression (v2), @challenger the MLP (v3).
	inStore(moveAlias('champion', 2), moveAlias('challenger', 3));
	await mustSucceed(mlpages(['export']));
	git(project, 'add', '--all');
	git(project, 'commit', '--quiet', '-m', 'Snapshot of the penguins store');

	// The merge request promotes the MLP and deletes the sweep's best trial.
	git(project, 'checkout', '--quiet', '-b', 'promote-mlp');
	inStore(
		moveAlias('champion', 3),
		moveAlias('challenger', 2),
		"UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = 1772700000000 WHERE name = 'mlp-lr0.01-h32-l20-s2'",
	);
	await mustSucceed(mlpages(['export']));
	git(project, 'add', '--all');
	git(project, 'commit', '--quiet', '-m', 'Promote the MLP to champion');

	fromProject = await mlpages(['diff', 'main', 'HEAD']);
	withRoot = await mlpages(['diff', '--root', 'analysis', 'main', 'HEAD'], work);
	// `npm run diff` finds mlpages in node_modules/.bin, as after `npm install`.
	mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
	symlinkSync(BIN, join(project, 'node_modules', '.bin', 'mlpages'));
	npmRun = await run('npm', ['run', '--silent', 'diff', '--', 'main', 'HEAD'], project);

	// CI: a fresh clone of the merge request's branch.
	git(work, 'clone', '--quiet', project, ci);
	cloned = Object.fromEntries(['content/manifest.json', 'content/runs', 'content/series', 'content/histories', 'content/artifacts', 'node_modules'].map((p) => [p, existsSync(join(ci, p))]));
	await mustSucceed(mlpages(['export'], ci));
	ciStatus = git(ci, 'status', '--porcelain', '--untracked-files=all');
	inCi = await mlpages(['diff', 'origin/main', 'content'], ci);
	// The comment of the preview job, and the preview built with its /changes/ and charts.
	previewDiff = await mlpages(['diff', 'origin/main', 'content', '--json', 'diff.json', '--out', 'diff.md'], ci, { MLPAGES_PREVIEW_URL: PREVIEW });
	build = await buildSite({ contentDir: join(ci, 'content'), outDir: join(scratch, 'dist'), cacheDir: join(scratch, 'cache'), base: '/', env: { MLPAGES_DIFF: join(ci, 'diff.json') } });
}, 300_000);

/** The failing merge request's summary, as `mlpages diff main HEAD` prints it: the README's example. */
const FAILING_MR = `<!-- mlpages-diff -->
### mlpages: what changed

\`main\` → \`HEAD\`: runs 0 new, 1 removed, 0 changed · model versions 0 new, 0 removed · 2 alias moves · 6 metric deltas

**Thresholds: failed.**
- ⚠️ val\\_loss of penguins-classifier@champion got worse by 0.006079 (28.80%), more than the allowed 5%.
- ⚠️ val\\_loss of best run of penguins-mlp-sweep got worse by 0.002482 (13.39%), more than the allowed 5%.

#### Metric deltas

| | Subject | Metric | Base | Head | Change |
|---|---|---|--:|--:|---|
| ✅ | penguins-classifier@challenger (v3 → v2) | val\\_accuracy ↑ | 0.988 | 0.988 | ±0 (±0.00%), same value, other run |
| ✅ | penguins-classifier@challenger (v3 → v2) | val\\_loss ↓ | 0.02719 | 0.02111 | −0.006079 (−22.36%), better |
| ✅ | penguins-classifier@champion (v2 → v3) | val\\_accuracy ↑ | 0.988 | 0.988 | ±0 (±0.00%), same value, other run |
| ⚠️ | penguins-classifier@champion (v2 → v3) | val\\_loss ↓ | 0.02111 | 0.02719 | +0.006079 (+28.80%), worse |
| ✅ | best run of penguins-mlp-sweep (\`16373406\` → \`030e0e32\`) | val\\_accuracy ↑ | 0.988 | 1 | +0.01205 (+1.22%), better |
| ⚠️ | best run of penguins-mlp-sweep (\`16373406\` → \`030e0e32\`) | val\\_loss ↓ | 0.01853 | 0.02101 | +0.002482 (+13.39%), worse |

#### Runs

| | Run | Experiment | Status | What changed |
|---|---|---|---|---|
| removed | mlp-lr0.01-h32-l20-s2 \`16373406\` | penguins-mlp-sweep | FINISHED |  |

#### Models

| Model | Change |
|---|---|
| penguins-classifier | @challenger 3 → 2 |
| penguins-classifier | @champion 2 → 3 |
`;

describe('the snapshot workflow in a project made by mlpages init', () => {
	it('commits the reviewable summaries of content/ and leaves series/, histories/ and artifacts/ out', () => {
		const committed = new Set(git(project, 'ls-files', 'content').split('\n').filter(Boolean).map((path) => path.split('/')[1]));
		expect([...committed].sort()).toEqual(['README.md', 'datasets', 'experiments', 'logged-models', 'manifest.json', 'model-versions', 'models', 'runs']);
		for (const rebuilt of ['series', 'histories', 'artifacts']) expect(readdirSync(join(project, 'content', rebuilt)).length).toBeGreaterThan(0);
		expect(git(project, 'status', '--porcelain', '--untracked-files=all')).toBe('');
	});

	it('says what to commit when a ref holds no snapshot yet', () => {
		expect(beforeExport.code).toBe(2);
		expect(beforeExport.stdout).toBe('');
		expect(beforeExport.stderr).toContain('main holds no snapshot: content/manifest.json is not committed in main.');
		expect(beforeExport.stderr).toContain('git add content && git commit');
	});

	it('compares the committed summaries of two refs from the project root, with the thresholds of mlpages.config.mjs', () => {
		expect(fromProject.stdout).toBe(FAILING_MR);
		expect(fromProject.code).toBe(1);
		expect(fromProject.stderr).toContain('2 tracked metrics got worse than allowed');
	});

	it('gives the same with --root from another folder and with npm run diff', () => {
		expect(withRoot).toEqual(fromProject);
		expect(npmRun.stdout).toBe(FAILING_MR);
		expect(npmRun.code).toBe(1);
	});

	it('exports in a fresh CI clone a complete snapshot, equal to the one the export on the developer machine wrote, and changes no committed file', () => {
		expect(cloned).toEqual({ 'content/manifest.json': true, 'content/runs': true, 'content/series': false, 'content/histories': false, 'content/artifacts': false, node_modules: false });
		expect(readTree(join(ci, 'content'))).toEqual(readTree(join(project, 'content')));
		expect(ciStatus).toBe('');
		// The merge-request job compares the target branch with the export it just made.
		expect(inCi.code).toBe(1);
		expect(inCi.stdout).toBe(FAILING_MR.replace('`main` → `HEAD`', '`origin/main` → `content`'));
	});

	it("writes a comment that shows the changed aliases' and best run's metrics, before and after, as PNGs published with the preview", () => {
		expect(previewDiff.code).toBe(1);
		const comment = readFileSync(join(ci, 'diff.md'), 'utf8');
		expect(comment).toBe(previewDiff.stdout);
		const images = [...comment.matchAll(/!\[([^\]]+)\]\(([^)]+)\)/g)].map(([, alt, url]) => ({ alt: alt!, url: url! }));
		// @champion, @challenger and the sweep's best run, in the order of the deltas table.
		expect(images.map((i) => i.alt.split(',')[0])).toEqual(['penguins-classifier@challenger', 'penguins-classifier@champion', 'best run of penguins-mlp-sweep']);
		// Without the pictures the comment still says what they show.
		expect(images[1]!.alt).toBe('penguins-classifier@champion, before and after: val\\_accuracy 0.988 → 0.988 (same); val\\_loss 0.02111 → 0.02719 (worse)');
		for (const { url } of images) {
			expect(url.startsWith(`${PREVIEW}/changes/charts/`), url).toBe(true);
			const png = readFileSync(join(scratch, 'dist', url.slice(PREVIEW.length + 1)));
			expect(png.subarray(0, 8).toString('hex'), url).toBe('89504e470d0a1a0a');
			// IHDR: a picture of some size, one panel per tracked metric.
			expect(png.readUInt32BE(16)).toBeGreaterThan(400);
			expect(png.readUInt32BE(20)).toBeGreaterThan(250);
		}
		// Each changed run and model card links into the preview.
		expect(comment).toContain(`[3](${PREVIEW}/models/penguins-classifier/3/)`);
		expect(comment).toContain(`[\`030e0e32\`](${PREVIEW}/runs/030e0e3291deb7807d42015bd483f193/)`);
	});

	it("gives each model a timeline of its alias moves from the clone's git history, in order, with their commits", () => {
		const html = readFileSync(join(scratch, 'dist', 'models', 'penguins-classifier', 'timeline', 'index.html'), 'utf8');
		const shas = git(ci, 'log', '--first-parent', '--format=%H %s', '--', 'content').trim().split('\n').map((line) => line.split(' ')[0]!.slice(0, 8));
		// mlpages init (content/README.md, no model yet), the first snapshot, the merge request's.
		expect(shas).toHaveLength(3);
		const start = html.indexOf('Alias moves</h2>');
		const moves = html.slice(start, html.indexOf('<h2', start));
		expect(moves, html.slice(html.indexOf('<main'), html.indexOf('<main') + 3000)).toContain('<table');
		const rows = [...moves.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].slice(1).map(([, row]) => row!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
		// Newest first: the merge request's swap, then the first snapshot setting both aliases.
		expect(rows.map((row) => row.replace(/^\S+ \S+ /, ''))).toEqual([
			`@challenger v3 → v2 Ana ${shas[0]} Promote the MLP to champion`,
			`@champion v2 → v3 Ana ${shas[0]} Promote the MLP to champion`,
			`@challenger new → v3 Ana ${shas[1]} Snapshot of the penguins store`,
			`@champion new → v2 Ana ${shas[1]} Snapshot of the penguins store`,
		]);
		expect(readFileSync(join(scratch, 'dist', 'changes', 'index.html'), 'utf8')).toContain('From the git history of the snapshot: 3 commits that changed it');
	});

	it('builds the site from that snapshot, with a page and a full history for every run', () => {
		expect(build.ok, build.output).toBe(true);
		const runs = readdirSync(join(ci, 'content', 'runs')).map((file) => file.replace(/\.json$/, ''));
		expect(runs).toHaveLength(28);
		for (const id of runs) {
			expect(existsSync(join(scratch, 'dist', 'runs', id, 'index.html')), id).toBe(true);
			// A history that was not downsampled is published once, as the run's series JSON.
			const own = join(scratch, 'dist', 'runs', id, 'history.json');
			const published = existsSync(own) ? own : join(scratch, 'dist', 'compare', 'series', `${id}.json`);
			expect(readFileSync(published, 'utf8')).toBe(readFileSync(join(ci, 'content', 'histories', `${id}.json`), 'utf8'));
		}
	});
});
