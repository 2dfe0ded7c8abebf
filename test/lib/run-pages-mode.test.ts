import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveMlpagesConfig } from '../../src/integration/mlpages.ts';
import { describeRunPagesMode, runPagesMode, SHELL_RUN_THRESHOLD } from '../../src/lib/run-pages-mode.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';

describe('runPagesMode', () => {
	it('keeps static pages up to 10,000 runs and switches to the shell above, when auto', () => {
		expect(SHELL_RUN_THRESHOLD).toBe(10_000);
		expect(runPagesMode('auto', 10_000).mode).toBe('static');
		expect(runPagesMode('auto', 10_001).mode).toBe('shell');
		expect(runPagesMode('auto', 100_000).mode).toBe('shell');
		expect(runPagesMode('auto', 0).mode).toBe('static');
	});

	it('does what the configuration says when it is static or shell, whatever the count', () => {
		expect(runPagesMode('static', 100_000).mode).toBe('static');
		expect(runPagesMode('shell', 3).mode).toBe('shell');
	});

	it('says why in the build log', () => {
		expect(describeRunPagesMode(runPagesMode('auto', 100_000))).toBe(
			'Run pages: one shell page (runs/_/) and data shards (runs/_data/), drawn in the browser, since the snapshot has 100,000 runs, more than 10,000 (runPages "auto").',
		);
		expect(describeRunPagesMode(runPagesMode('auto', 9_000))).toBe('Run pages: one static page per run, since the snapshot has 9,000 runs, at most 10,000 (runPages "auto").');
	});
});

describe('runPages in the configuration', () => {
	it('defaults to auto and accepts only auto, static and shell', () => {
		expect(MlpagesConfigSchema.parse({}).runPages).toBe('auto');
		expect(MlpagesConfigSchema.safeParse({ runPages: 'shell' }).success).toBe(true);
		expect(MlpagesConfigSchema.safeParse({ runPages: 'spa' }).success).toBe(false);
	});

	it('is resolved against the snapshot manifest run count, and MLPAGES_RUN_PAGES overrides it', () => {
		const dir = mkdtempSync(join(tmpdir(), 'mlpages-run-pages-'));
		try {
			mkdirSync(join(dir, 'content'));
			writeFileSync(join(dir, 'content', 'manifest.json'), JSON.stringify({ counts: { runs: 100_000 } }));
			expect(resolveMlpagesConfig({}, dir, {}).runPages).toBe('shell');
			expect(resolveMlpagesConfig({ runPages: 'static' }, dir, {}).runPages).toBe('static');
			expect(resolveMlpagesConfig({ runPages: 'static' }, dir, { MLPAGES_RUN_PAGES: 'shell' }).runPages).toBe('shell');
			writeFileSync(join(dir, 'content', 'manifest.json'), JSON.stringify({ counts: { runs: 10_000 } }));
			expect(resolveMlpagesConfig({}, dir, {}).runPages).toBe('static');
			// No snapshot yet: nothing to shard.
			expect(resolveMlpagesConfig({}, join(dir, 'empty'), {}).runPages).toBe('static');
			expect(() => resolveMlpagesConfig({}, dir, { MLPAGES_RUN_PAGES: 'spa' })).toThrow(/MLPAGES_RUN_PAGES.*"spa"/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
