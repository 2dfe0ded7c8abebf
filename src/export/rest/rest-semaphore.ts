/** A counting semaphore: at most `limit` holders at once, the rest wait in arrival order. */
export interface Semaphore {
	/** Waits for a free slot; call the returned function exactly once to give it back. */
	acquire(): Promise<() => void>;
}

/** Creates a semaphore with `limit` slots (at least 1). */
export function createSemaphore(limit: number): Semaphore {
	const slots = Math.max(1, Math.floor(limit));
	let busy = 0;
	const waiting: Array<() => void> = [];
	const release = () => {
		const next = waiting.shift();
		if (next === undefined) busy -= 1;
		else next();
	};
	const once = () => {
		let done = false;
		return () => {
			if (done) return;
			done = true;
			release();
		};
	};
	return {
		acquire() {
			if (busy < slots) {
				busy += 1;
				return Promise.resolve(once());
			}
			return new Promise((resolve) => waiting.push(() => resolve(once())));
		},
	};
}
