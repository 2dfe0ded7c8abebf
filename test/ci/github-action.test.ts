import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS, GLOBAL_OPTIONS } from '../../src/cli/commands.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import { actionValidator, ROOT } from './ci-files.ts';

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string; 'continue-on-error'?: unknown };
type Workflow = { on: Record<string, unknown>; env?: Record<string, string>; jobs: Record<string, { if?: string; needs?: string; steps: Step[]; permissions?: Record<string, string> }> };

const ACTION = join(ROOT, 'action.yml');
const INIT_WORKFLOW = join(ROOT, 'src/init/template/_github/workflows/pages.yml');
const OWN_WORKFLOW = join(ROOT, '.github/workflows/example-site.yml');
const uses = (steps: Step[]) => steps.flatMap((s) => (s.uses ? [s.uses.split('@')[0]] : []));
const runs = (steps: Step[]) => steps.flatMap((s) => (s.run ? s.run.split('\n').filter(Boolean) : []));

/** Every `npx mlpages <command> --option` in shell lines names a command and options that exist. */
function expectKnownCommands(lines: string[]): void {
	for (const line of lines) {
		for (const [, name, rest] of line.matchAll(/npx mlpages (\w+)([^\n]*)/g)) {
			const spec = COMMANDS.find((c) => c.name === name);
			expect(spec, line).toBeDefined();
			for (const [, option] of rest!.matchAll(/--([\w-]+)/g)) expect({ ...spec!.options, ...GLOBAL_OPTIONS }, line).toHaveProperty([option!]);
		}
	}
}

describe('action-validator', () => {
	it('accepts the action, the new project\'s workflow and mlpages\' own workflow', async () => {
		for (const file of [ACTION, INIT_WORKFLOW, OWN_WORKFLOW]) expect(await actionValidator(file), file).toEqual({ code: 0, output: '' });
	});

	it('rejects a broken action, so that acceptance means something', async () => {
		const broken = join(tempDir('mlpages-action-'), 'action.yml');
		writeFileSync(broken, readFileSync(ACTION, 'utf8').replace('using: composite', 'using: compost'));
		const result = await actionValidator(broken);
		expect(result.code).toBe(1);
		expect(result.output).toContain('"path": "/runs/using"');
	});
});

describe('action.yml, the composite action', () => {
	const action = parse(readFileSync(ACTION, 'utf8')) as { inputs: Record<string, { default?: string; description: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } };

	it('takes the tracking URI, token, Node version and folders, and outputs the built site', () => {
		expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['tracking-uri', 'token', 'node-version', 'working-directory', 'root', 'diff-base']));
		expect(action.inputs['node-version']!.default).toBe('24');
		expect(action.outputs['dist']!.value).toBe('${{ steps.paths.outputs.dist }}');
	});

	it('installs with npm ci, builds and checks with mlpages, and runs no test of mlpages', () => {
		expect(action.runs.using).toBe('composite');
		expect(uses(action.runs.steps)).toEqual(['actions/setup-node', 'actions/cache']);
		const lines = runs(action.runs.steps);
		expect(lines.filter((l) => /\bnpm |npx /.test(l))).toEqual([
			'npm ci --prefer-offline --no-audit --no-fund',
			'npx mlpages build --root "$MLPAGES_ROOT" ${MLPAGES_DIFF_BASE:+--diff "$MLPAGES_DIFF_BASE"}',
			'npx mlpages check --root "$MLPAGES_ROOT"',
		]);
		expectKnownCommands(lines);
		const build = action.runs.steps.find((s) => s.run?.startsWith('npx mlpages build'))!;
		expect(build.env).toMatchObject({ MLFLOW_TRACKING_URI: '${{ inputs.tracking-uri }}', MLFLOW_TRACKING_TOKEN: '${{ inputs.token }}' });
	});
});

describe("the new project's .github/workflows/pages.yml", () => {
	const wf = parse(readFileSync(INIT_WORKFLOW, 'utf8')) as Workflow;

	it('builds and deploys GitHub Pages from the default branch', () => {
		expect(wf.on['push']).toEqual({ branches: ['main'] });
		expect(wf.jobs['build']!.if).toBe("github.event_name != 'pull_request'");
		expect(uses(wf.jobs['build']!.steps)).toEqual(['actions/checkout', 'actions/setup-node', 'actions/cache', 'actions/configure-pages', 'actions/upload-pages-artifact']);
		expect(runs(wf.jobs['build']!.steps)).toEqual(['npm ci --prefer-offline --no-audit --no-fund', 'npx mlpages build', 'npx mlpages check']);
		expect(uses(wf.jobs['deploy']!.steps)).toEqual(['actions/deploy-pages']);
		expect(wf.jobs['deploy']!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
	});

	it('builds a pull request as an artifact, compares it with the base branch and comments', () => {
		const preview = wf.jobs['preview']!;
		expect(preview.if).toBe("github.event_name == 'pull_request'");
		expect(preview.permissions).toMatchObject({ 'pull-requests': 'write' });
		expect(runs(preview.steps)).toEqual(['npm ci --prefer-offline --no-audit --no-fund', 'npx mlpages build --diff "origin/$GITHUB_BASE_REF"', 'npx mlpages check', 'npx mlpages comment']);
		expect(preview.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with).toMatchObject({ name: 'site-preview', path: 'dist' });
		const comment = preview.steps.find((s) => s.run === 'npx mlpages comment')!;
		expect(comment.env).toEqual({ GITHUB_TOKEN: '${{ github.token }}' });
		expect(comment['continue-on-error']).toBe("${{ vars.MLPAGES_THRESHOLDS == 'warn' }}");
		expectKnownCommands(runs(preview.steps));
	});

	it("never runs mlpages' own tests, and keeps the tracking token in a secret", () => {
		expect(readFileSync(INIT_WORKFLOW, 'utf8')).not.toMatch(/npm (run )?test/);
		expect(wf.env).toMatchObject({ MLFLOW_TRACKING_TOKEN: '${{ secrets.MLFLOW_TRACKING_TOKEN }}' });
	});
});

describe("mlpages' own workflow", () => {
	it('runs the test suite and the action at the repository root on the example site', () => {
		const wf = parse(readFileSync(OWN_WORKFLOW, 'utf8')) as Workflow;
		expect(runs(wf.jobs['test']!.steps)).toContain('npm test');
		const step = wf.jobs['action']!.steps.find((s) => s.uses === './')!;
		expect(step.with).toMatchObject({ root: 'examples/site' });
	});
});
