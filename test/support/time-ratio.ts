/**
 * How much longer `run(large)` takes than `run(small)`, in the same process: the ratio of the
 * fastest of `rounds` timings of each (after one warm-up call of each). Small and large take
 * turns, so a busy spell of the shared machine slows both alike, and the fastest round of each
 * is the one no pause fell into. Tests assert a ratio with generous room (linear work on 4× the
 * input: < 8, where quadratic work gives 16), never a duration.
 */
export function timeRatio<T>(run: (input: T) => unknown, small: T, large: T, rounds = 7): number {
	run(small);
	run(large);
	const time = (input: T) => {
		const start = process.hrtime.bigint();
		run(input);
		return Number(process.hrtime.bigint() - start);
	};
	let a = Infinity;
	let b = Infinity;
	for (let i = 0; i < rounds; i++) {
		a = Math.min(a, time(small));
		b = Math.min(b, time(large));
	}
	return b / Math.max(a, 1);
}

/** Calls `run` `times` times: for work too short to time alone. */
export const repeated = <T>(run: (input: T) => unknown, times: number) => (input: T) => {
	for (let i = 0; i < times; i++) run(input);
};
