import type { RunPagesSetting } from '../schemas/config.ts';

/**
 * Above this many runs, `runPages: 'auto'` publishes run pages as one shell and data shards. A
 * static run page with its series JSON and search fragment takes about 45 KB in 3 files in the
 * benchmark's shape (10 metrics of 20 steps, 20 params, 11 tags; the budget of
 * test/site/site-size.test.ts) and up to 105 KB with 25 metrics of 40 steps, so 10,000 static
 * runs are 450 MB to 1 GB in 30,000 files: they still fit GitLab.com Pages (1 GB, 200,000 files),
 * and the next ten thousand would not in the wider shape. The shell is also what keeps the
 * build time flat: 100,000 static pages took over two hours (BENCHMARKS.md).
 */
export const SHELL_RUN_THRESHOLD = 10_000;

/** How this build publishes run pages, and why (for the build log). */
export interface RunPagesMode {
	mode: 'static' | 'shell';
	reason: string;
}

/**
 * The run pages mode of a build: `setting` (the configuration's `runPages`, or `MLPAGES_RUN_PAGES`)
 * when it is `static` or `shell`; for `auto`, `shell` when `runs` (the snapshot's run count)
 * exceeds SHELL_RUN_THRESHOLD.
 */
export function runPagesMode(setting: RunPagesSetting, runs: number): RunPagesMode {
	const count = `${runs.toLocaleString('en-US')} runs`;
	if (setting === 'static') return { mode: 'static', reason: `runPages is "static" (${count})` };
	if (setting === 'shell') return { mode: 'shell', reason: `runPages is "shell" (${count})` };
	const limit = SHELL_RUN_THRESHOLD.toLocaleString('en-US');
	return runs > SHELL_RUN_THRESHOLD
		? { mode: 'shell', reason: `the snapshot has ${count}, more than ${limit} (runPages "auto")` }
		: { mode: 'static', reason: `the snapshot has ${count}, at most ${limit} (runPages "auto")` };
}

/** The sentence the build logs about its run pages. */
export function describeRunPagesMode({ mode, reason }: RunPagesMode): string {
	return mode === 'shell'
		? `Run pages: one shell page (runs/_/) and data shards (runs/_data/), drawn in the browser, since ${reason}.`
		: `Run pages: one static page per run, since ${reason}.`;
}
