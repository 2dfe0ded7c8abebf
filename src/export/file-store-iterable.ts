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
