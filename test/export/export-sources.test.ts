/**
 * Several sources in one site (config `sources`): the example store from SQLite as `team-a` and
 * the same content as a file store as `team-b`. Every experiment and model keeps its own
 * namespace (slugs and experiment files prefixed `<name>--`); run ids stay as they are, except
 * where the second source repeats a run id of the first (all of them here: same content), which
 * then gets the prefix. `MLFLOW_TRACKING_URI` still wins and is the only source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSource } from '../../src/cli/build-command.ts';
import { runExportCommand, type CommandEffects } from '../../src/cli/export-command.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import type { Manifest } from '../../src/schemas/manifest.ts';
import { demoFileStore } from './helpers/demo-file-store.ts';

const ROOT = join(import.meta.dirname, '../..');
let temp = '';
beforeAll(async () => {
	temp = await demoFileStore('mlpages-sources-');
}, 60_000);

function effects(config: unknown, env: Record<string, string> = {}): CommandEffects {
	return { logger: memoryLogger(), env, cwd: temp, now: () => 0, loadConfig: async () => MlpagesConfigSchema.parse(config) };
}

const json = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const names = (dir: string) => readdirSync(dir).sort();

describe('several sources in one site', () => {
	it('exports each source in its own namespace, with every source in the manifest', async () => {
		const sources = [
			{ name: 'team-a', uri: join(ROOT, 'examples/mlflow.db') },
			{ name: 'team-b', uri: join(temp, 'mlruns') },
		];
		expect(await runExportCommand(['--out', 'multi'], effects({ sources }))).toBe(0);
		const out = join(temp, 'multi');
		const manifest = json<Manifest>(join(out, 'manifest.json'));
		expect(manifest.sources?.map((s) => [s.name, s.kind])).toEqual([
			['team-a', 'sqlite'],
			['team-b', 'file'],
		]);
		expect(manifest.source.kind).toBe('sqlite');
		expect(manifest.counts).toMatchObject({ experiments: 6, runs: 58, registeredModels: 4, modelVersions: 10 });
		expect(names(join(out, 'experiments'))).toEqual(['team-a--0.json', 'team-a--1.json', 'team-a--2.json', 'team-b--0.json', 'team-b--1.json', 'team-b--2.json']);
		expect(json<{ slug: string }>(join(out, 'experiments', 'team-a--1.json')).slug).toBe('team-a--penguins-mlp-sweep');
		expect(json<{ slug: string }>(join(out, 'experiments', 'team-b--1.json')).slug).toBe('team-b--penguins-mlp-sweep');
		expect(names(join(out, 'models'))).toEqual(['team-a--penguins-baseline.json', 'team-a--penguins-classifier.json', 'team-b--penguins-baseline.json', 'team-b--penguins-classifier.json']);

		const runs = names(join(out, 'runs')).map((f) => json<{ id: string; experimentId: string }>(join(out, 'runs', f)));
		const a = runs.filter((r) => r.experimentId.startsWith('team-a--'));
		const b = runs.filter((r) => r.experimentId.startsWith('team-b--'));
		expect(a).toHaveLength(29);
		expect(a.every((r) => /^[0-9a-f]{32}$/.test(r.id))).toBe(true);
		// Same content in both stores: every team-b run id is taken, so all get the prefix.
		expect(b.map((r) => r.id).sort()).toEqual(a.map((r) => `team-b--${r.id}`).sort());
		// Links follow the renamed runs: a team-b trial's parent and a team-b version's run are team-b's.
		const parents = names(join(out, 'runs')).map((f) => json<{ parentRunId: string | null; experimentId: string }>(join(out, 'runs', f))).filter((r) => r.parentRunId !== null);
		expect(parents).toHaveLength(50);
		expect(parents.filter((r) => r.experimentId.startsWith('team-b--')).every((r) => r.parentRunId!.startsWith('team-b--'))).toBe(true);
		expect(parents.filter((r) => r.experimentId.startsWith('team-a--')).every((r) => /^[0-9a-f]{32}$/.test(r.parentRunId!))).toBe(true);
		expect(json<{ runId: string }>(join(out, 'model-versions', 'team-b--penguins-classifier', '3.json')).runId).toMatch(/^team-b--[0-9a-f]{32}$/);
		expect(json<{ runId: string }>(join(out, 'model-versions', 'team-a--penguins-classifier', '3.json')).runId).toMatch(/^[0-9a-f]{32}$/);
		// Their histories are there under the new ids, for the one compare page over all runs.
		expect(names(join(out, 'series'))).toHaveLength(58);
	}, 60_000);

	it('keeps a single source when MLFLOW_TRACKING_URI is set, and a list of one unprefixed', () => {
		const config = MlpagesConfigSchema.parse({ sources: [{ name: 'team-a', uri: 'a.db' }, { name: 'team-b', uri: 'b.db' }] });
		expect(buildSource({ MLFLOW_TRACKING_URI: 'http://x' }, config)).toBe('http://x');
		expect(buildSource({}, config)).toEqual(config.sources);
		expect(() => MlpagesConfigSchema.parse({ sources: [{ name: 'a', uri: 'x' }, { name: 'a', uri: 'y' }] })).toThrow('Give every source a different name.');
	});

	it('a list of one source exports without namespaces', async () => {
		expect(await runExportCommand(['--out', 'one'], effects({ sources: [{ name: 'solo', uri: join(ROOT, 'examples/mlflow.db') }] }))).toBe(0);
		expect(names(join(temp, 'one', 'experiments'))).toEqual(['0.json', '1.json', '2.json']);
		expect(json<Manifest>(join(temp, 'one', 'manifest.json')).sources).toBeUndefined();
	}, 60_000);
});
