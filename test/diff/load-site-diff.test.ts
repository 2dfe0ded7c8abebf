import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSiteDiff, SiteDiffInvalid } from '../../src/components/changes/load-site-diff.ts';
import { diffSnapshots } from '../../src/diff/diff-snapshots.ts';
import { stableStringify } from '../../src/lib/json.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { fixture } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpages-site-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadSiteDiff (the /changes/ page)', () => {
	it('returns null without MLPAGES_DIFF or when the file does not exist', () => {
		expect(loadSiteDiff({})).toBeNull();
		expect(loadSiteDiff({ MLPAGES_DIFF: join(dir, 'missing.json') })).toBeNull();
	});

	it('reads the JSON that npm run diff --json writes', async () => {
		const diff = diffSnapshots(await fixture('base'), await fixture('head'), MlpagesConfigSchema.parse({}));
		const file = join(dir, 'diff.json');
		writeFileSync(file, stableStringify(diff));
		expect(loadSiteDiff({ MLPAGES_DIFF: file })).toEqual(diff);
	});

	it('fails on a file that is not a diff, naming the variable and the fields', () => {
		const file = join(dir, 'bad.json');
		writeFileSync(file, '{"schemaVersion": 1}');
		expect(() => loadSiteDiff({ MLPAGES_DIFF: file })).toThrow(SiteDiffInvalid);
		expect(() => loadSiteDiff({ MLPAGES_DIFF: file })).toThrow(/MLPAGES_DIFF=.*bad\.json is not a diff written by npm run diff:\n- \*\*base\*\*/);
	});
});
