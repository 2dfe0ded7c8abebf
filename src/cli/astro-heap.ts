/**
 * The V8 heap limit `npm run build` gives `astro build`: 1 GiB plus 50 KiB per exported run, at
 * least 1.5 GiB and at most 4 GiB (Node's own default on a machine with 16 GB or more).
 *
 * Why: V8 grows its heap lazily up to its limit, so a 10,000-run build peaked at 2.37 GB of RSS
 * with the default limit while holding much less; with 1.5 GiB it peaked at 1.71 GB in the same
 * time (BENCHMARKS.md, G8). What the build keeps alive grows by less than 60 KiB per run (a warm
 * 10,000-run build completes with a 1 GiB limit), so the limit leaves room twice over.
 */
export function astroHeapLimitMb(runs: number): number {
	return Math.min(4096, Math.max(1536, Math.ceil(1024 + (runs * 50) / 1024)));
}

/**
 * NODE_OPTIONS for `astro build`: the caller's, with `--max-old-space-size` added unless it sets
 * one already (the user's choice wins).
 */
export function astroNodeOptions(nodeOptions: string | undefined, runs: number): string {
	const current = (nodeOptions ?? '').trim();
	if (/--max-old-space-size[=\s]/.test(current)) return current;
	return `${current} --max-old-space-size=${astroHeapLimitMb(runs)}`.trim();
}
