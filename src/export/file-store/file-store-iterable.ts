/**
 * Wraps synchronous work as an AsyncIterable, started on the first `next()`. Cheaper per value
 * than an `async function*` (one resolved promise per value, no generator queue), which matters
 * for metric histories of millions of points. Errors reject the pending `next()`; `return()`
 * (a `break` in `for await`) closes the underlying iterator.
 */
export function fromSync<T>(make: () => Iterable<T>): AsyncIterable<T> {
	return {
		[Symbol.asyncIterator](): AsyncIterator<T> {
			let iterator: Iterator<T> | null = null;
			return {
				next() {
					try {
						iterator ??= make()[Symbol.iterator]();
						return Promise.resolve(iterator.next());
					} catch (error) {
						return Promise.reject(error);
					}
				},
				return(value?: unknown) {
					try {
						iterator?.return?.();
					} catch (error) {
						return Promise.reject(error);
					}
					return Promise.resolve({ done: true, value: value as T });
				},
			};
		},
	};
}

/**
 * Like `fromSync`, for values produced in batches (one metric file, or one chunk of a large
 * one): each `next()` hands out the next value of the current batch without a generator resume.
 */
export function fromBatches<T>(make: () => Iterator<T[]>): AsyncIterable<T> {
	return {
		[Symbol.asyncIterator](): AsyncIterator<T> {
			let batches: Iterator<T[]> | null = null;
			let batch: T[] = [];
			let index = 0;
			let finished = false;
			const done = (): Promise<IteratorResult<T>> => Promise.resolve({ done: true, value: undefined });
			return {
				next() {
					try {
						batches ??= make();
						while (index >= batch.length) {
							if (finished) return done();
							const result = batches.next();
							if (result.done === true) {
								finished = true;
								return done();
							}
							batch = result.value;
							index = 0;
						}
						return Promise.resolve({ done: false, value: batch[index++]! });
					} catch (error) {
						return Promise.reject(error);
					}
				},
				return() {
					finished = true;
					batch = [];
					try {
						batches?.return?.(undefined);
					} catch (error) {
						return Promise.reject(error);
					}
					return done();
				},
			};
		},
	};
}
