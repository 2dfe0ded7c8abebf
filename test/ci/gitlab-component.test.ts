import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS, GLOBAL_OPTIONS } from '../../src/cli/commands.ts';
import { parseComponent, renderComponent } from '../../scripts/ci/gitlab-component.ts';
import { COMPONENT, INIT_GITLAB_CI, initGitlabCi } from '../../scripts/render-ci.ts';
import { ciProject, DEFAULT_BRANCH, MERGE_REQUEST, pipelineJobs, pipelinePreview, ROOT, type PipelineVars, type PreviewJob } from './ci-files.ts';

const componentText = readFileSync(COMPONENT, 'utf8');
const component = parseComponent(componentText);
const initText = readFileSync(INIT_GITLAB_CI, 'utf8');
const names = (jobs: Array<{ name: string }>) => jobs.map((j) => j.name);
const withVars = (vars: PipelineVars, set: Record<string, string>): PipelineVars => ({ set: { ...vars.set, ...set }, unset: vars.unset });

describe('templates/pages.yml, the CI/CD component', () => {
	it('declares the inputs a user sets, each described, with the defaults of a GitLab project', () => {
		expect(Object.keys(component.inputs)).toEqual(['tracking-uri', 'root', 'image', 'previews', 'preview-expire-in', 'stage', 'comment-stage', 'thresholds', 'cache-key', 'shards']);
		for (const [name, input] of Object.entries(component.inputs)) expect(input.description, name).toMatch(/\w{3}/);
		expect(component.inputs['tracking-uri']!.default).toBe('$CI_API_V4_URL/projects/$CI_PROJECT_ID/ml/mlflow');
		expect(component.inputs['previews']).toMatchObject({ type: 'boolean', default: true });
		expect(component.inputs['thresholds']).toMatchObject({ options: ['fail', 'warn'], default: 'fail' });
		expect(component.inputs['image']!.default).toMatch(/^node:2[4-9]/);
		expect(component.inputs['shards']).toMatchObject({ type: 'number', default: 1 });
	});

	it('builds the default branch in parallel shards, merged and published by one job, when shards > 1', async () => {
		const project = ciProject({ '.gitlab-ci.yml': renderComponent(component, { shards: 3, root: 'site' }) });
		const [main, mr, jobs] = await Promise.all([pipelineJobs(project, DEFAULT_BRANCH), pipelineJobs(project, MERGE_REQUEST), pipelinePreview(project)]);
		expect(names(main)).toEqual(['mlpages:shard: [1/3]', 'mlpages:shard: [2/3]', 'mlpages:shard: [3/3]', 'pages:merge']);
		expect(main.find((j) => j.name === 'pages:merge')!.needs).toMatchObject([{ job: 'mlpages:shard' }]);
		// A merge request's site is still built in one job.
		expect(names(mr)).toEqual(['mlpages:review', 'pages:preview', 'mlpages:changes']);
		expect(jobs['mlpages:shard']!.script).toEqual(['npx mlpages build --root site --shard $CI_NODE_INDEX/$CI_NODE_TOTAL -- --outDir shards/$CI_NODE_INDEX']);
		expect(jobs['mlpages:shard']!.artifacts!.paths).toEqual(['site/shards/']);
		expect(jobs['mlpages:shard']!.cache![0]!.key.prefix).toBe('mlpages-v1-shard-$CI_NODE_INDEX');
		expect(jobs['pages:merge']!.script).toEqual(['npx mlpages merge --root site shards --out dist']);
		// Its own cache: the search-index parts it writes are copied by the next pipeline's merge.
		expect(jobs['pages:merge']!.cache).toMatchObject([{ key: { prefix: 'mlpages-v1-merge', files: ['package-lock.json'] }, paths: ['.npm/', '.cache/mlpages/'], policy: 'pull-push' }]);
		expect(jobs['pages:merge']!.pages).toEqual({ publish: 'site/dist' });
		expect(jobs['pages:merge']!.environment).toMatchObject({ name: 'production', url: '$CI_PAGES_URL' });
	});

	it('is rendered the way gitlab-ci-local interpolates an include with inputs', async () => {
		const inputs = { root: 'site', previews: false, thresholds: 'warn', 'cache-key': 'team-v2', image: 'node:22-bookworm', stage: 'build', 'comment-stage': 'report', shards: 2 };
		const stages = 'stages:\n  - build\n  - report\n';
		const included = ciProject({ 'templates/pages.yml': componentText, '.gitlab-ci.yml': `${stages}include:\n  - local: templates/pages.yml\n    inputs: ${JSON.stringify(inputs)}\n` });
		const rendered = ciProject({ '.gitlab-ci.yml': `${stages}${renderComponent(component, inputs)}` });
		const [a, b] = await Promise.all([pipelinePreview(included), pipelinePreview(rendered)]);
		expect(b).toEqual(a);
		expect(b['pages']!.script).toEqual(['npx mlpages build --root site', 'npx mlpages check --root site']);
		expect(b['pages']!.cache![0]!.key.prefix).toBe('team-v2');
	});

	it('refuses what GitLab refuses: an unknown input, a value outside its options, a wrong type', () => {
		expect(() => renderComponent(component, { preview: false })).toThrow('Unknown input preview');
		expect(() => renderComponent(component, { thresholds: 'ignore' })).toThrow('Input thresholds is one of fail, warn, not "ignore".');
		expect(() => renderComponent(component, { previews: 'no' })).toThrow('Input previews is a boolean');
	});
});

describe("the new project's .gitlab-ci.yml", () => {
	let project: string;
	let jobs: Record<string, PreviewJob>;
	beforeAll(async () => {
		project = ciProject({ '.gitlab-ci.yml': initText });
		jobs = await pipelinePreview(project);
	});

	it('is the component with its inputs at their defaults (npm run render:ci writes it)', () => {
		expect(initText).toBe(initGitlabCi(componentText));
		expect(initText).not.toContain('$[[');
	});

	it('publishes on the default branch; builds, previews and comments on a merge request', async () => {
		const [main, mr] = await Promise.all([pipelineJobs(project, DEFAULT_BRANCH), pipelineJobs(project, MERGE_REQUEST)]);
		expect(names(main)).toEqual(['pages']);
		expect(names(mr)).toEqual(['mlpages:review', 'pages:preview', 'mlpages:changes']);
		expect(mr.find((j) => j.name === 'pages:preview')!.needs).toMatchObject([{ job: 'mlpages:review' }]);
		expect(mr.find((j) => j.name === 'mlpages:changes')!.allow_failure).toBe(false);
	});

	it('takes its settings from CI/CD variables: no published preview, thresholds that warn', async () => {
		const [free, warn] = await Promise.all([
			pipelineJobs(project, withVars(MERGE_REQUEST, { MLPAGES_PREVIEWS: 'false' })),
			pipelineJobs(project, withVars(MERGE_REQUEST, { MLPAGES_THRESHOLDS: 'warn' })),
		]);
		expect(names(free)).toEqual(['mlpages:review', 'mlpages:changes']);
		expect(warn.find((j) => j.name === 'mlpages:changes')!.allow_failure).toBe(true);
	});

	it("exports from the project's own MLflow API, with the token left to a CI/CD variable", () => {
		expect(jobs['pages']!.variables!['MLFLOW_TRACKING_URI']).toBe('$CI_API_V4_URL/projects/$CI_PROJECT_ID/ml/mlflow');
		expect(initText).not.toMatch(/MLFLOW_TRACKING_TOKEN\s*:/);
	});

	it("publishes a preview only after mlpages check --preview found GitLab's /mr-<iid> address (GitLab Free ignores path_prefix)", () => {
		expect(jobs['pages:preview']!.script).toEqual(['npx mlpages check --root . --preview']);
	});

	it('publishes dist/ from the default branch, and the preview under mr-<iid> with an environment and an expiry', () => {
		expect(jobs['pages']!.pages).toEqual({ publish: './dist' });
		expect(jobs['pages']!.environment).toMatchObject({ name: 'production', url: '$CI_PAGES_URL' });
		expect(jobs['mlpages:review']!.rules![0]!.variables).toEqual({ PAGES_PREFIX: 'mr-$CI_MERGE_REQUEST_IID' });
		expect(jobs['mlpages:review']!.script).toEqual(['npx mlpages build --root . --diff "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"', 'npx mlpages check --root .']);
		expect(jobs['mlpages:review']!.artifacts!.paths).toEqual(['./dist/', './diff.md', './diff.json']);
		expect(jobs['pages:preview']!.pages).toEqual({ path_prefix: 'mr-$CI_MERGE_REQUEST_IID', publish: './dist', expire_in: '1 week' });
		expect(jobs['pages:preview']!.environment).toEqual({ name: 'review/mr-$CI_MERGE_REQUEST_IID', url: '$CI_PAGES_URL', auto_stop_in: '1 week' });
		expect(jobs['mlpages:changes']!.script).toEqual(['npx mlpages comment --root .']);
	});

	it("keeps npm's and mlpages' caches between pipelines, keyed on package-lock.json", () => {
		for (const name of ['pages', 'mlpages:review']) {
			expect(jobs[name]!.cache).toMatchObject([{ key: { prefix: 'mlpages-v1', files: ['package-lock.json'] }, paths: ['.npm/', '.cache/mlpages/'], policy: 'pull-push' }]);
			expect(jobs[name]!.variables).toMatchObject({ npm_config_cache: '$CI_PROJECT_DIR/.npm', MLPAGES_CACHE_DIR: '$CI_PROJECT_DIR/.cache/mlpages' });
		}
		expect(jobs['mlpages:changes']!.cache![0]!.policy).toBe('pull');
	});


	it("runs mlpages commands that exist, with options they take, and never mlpages' own tests", () => {
		const lines = Object.values(jobs).flatMap((job) => [...(job.before_script ?? []), ...(job.script ?? [])]);
		expect(lines.length).toBeGreaterThan(5);
		for (const line of lines) {
			expect(line, line).toMatch(/^(npm ci --prefer-offline --no-audit --no-fund|npx mlpages \w+ .*|echo ".*")$/);
			const m = /^npx mlpages (\w+)(.*)$/.exec(line);
			if (!m) continue;
			const spec = COMMANDS.find((c) => c.name === m[1]);
			expect(spec, line).toBeDefined();
			// Options after `--` are astro build's own.
			for (const [, option] of m[2]!.split(' -- ')[0]!.matchAll(/--([\w-]+)/g)) expect({ ...spec!.options, ...GLOBAL_OPTIONS }, line).toHaveProperty([option!]);
		}
		expect(initText).not.toMatch(/npm (run )?test/);
	});
});

describe("mlpages' own .gitlab-ci.yml", () => {
	let project: string;
	beforeAll(() => {
		// Its remote and commit make gitlab-ci-local read the component include from this checkout, as GitLab reads it from this commit.
		project = ciProject({ '.gitlab-ci.yml': readFileSync(`${ROOT}.gitlab-ci.yml`, 'utf8'), 'templates/pages.yml': componentText }, 'https://gitlab.example.com/mlpages/mlpages.git');
	});

	it('tests mlpages, and publishes the example site through the component of the same commit', async () => {
		const ci = parse(readFileSync(`${ROOT}.gitlab-ci.yml`, 'utf8')) as { include: Array<{ component: string; inputs: Record<string, unknown> }> };
		expect(ci.include).toEqual([{ component: '$CI_SERVER_FQDN/$CI_PROJECT_PATH/pages@$CI_COMMIT_SHA', inputs: expect.objectContaining({ root: 'examples/site' }) }]);
		const [main, mr, tag, jobs] = await Promise.all([
			pipelineJobs(project, DEFAULT_BRANCH),
			pipelineJobs(project, MERGE_REQUEST),
			pipelineJobs(project, { set: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_TAG: 'v1.0.0' }, unset: ['CI_COMMIT_BRANCH'] }),
			pipelinePreview(project),
		]);
		expect(names(main).sort()).toEqual(['e2e', 'package', 'pages', 'test']);
		expect(names(mr).sort()).toEqual(['e2e', 'mlpages:changes', 'mlpages:review', 'package', 'pages:preview', 'test']);
		expect(names(tag).sort()).toEqual(['e2e', 'package', 'release', 'test']);
		expect(jobs['test']!.script).toEqual(['npm test']);
		expect(jobs['package']!.script).toContain('npm run test:package');
		expect(jobs['pages']!.script).toEqual(['npx mlpages build --root examples/site', 'npx mlpages check --root examples/site']);
		expect(jobs['pages']!.pages).toEqual({ publish: 'examples/site/dist' });
	});
});

describe('gitlab-ci-local', () => {
	it('rejects a pipeline that GitLab would reject, so the checks above mean something', async () => {
		const broken = ciProject({ '.gitlab-ci.yml': initText.replace('  interruptible: true\n', '  interruptible: sometimes\n') });
		await expect(pipelineJobs(broken, MERGE_REQUEST)).rejects.toThrow(/interruptible/);
	});
});
