/**
 * How much longer `run(large)` takes than `run(small)`, in the same process: the ratio of the
 * fastest of `rounds` timings of each (after one warm-up call of each), so a pause of the shared
 * machine in one round does not count. Tests assert a ratio with generous room (linear work on
 * 4× the input: < 8), never a duration.
 */
export function timeRatio<T>(run: (input: T) => unknown, small: T, large: T, rounds = 5): number {
	run(small);
	run(large);
	const fastest = (input: T) => {
		let best = Infinity;
		for (let i = 0; i < rounds; i++) {
			const start = process.hrtime.bigint();
			run(input);
			best = Math.min(best, Number(process.hrtime.bigint() - start));
		}
		return best;
	};
	const a = fastest(small);
	const b = fastest(large);
	return b / Math.max(a, 1);
}

/** Calls `run` `times` times: for work too short to time alone. */
export const repeated = <T>(run: (input: T) => unknown, times: number) => (input: T) => {
	for (let i = 0; i < times; i++) run(input);
};
