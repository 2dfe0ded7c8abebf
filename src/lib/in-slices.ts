import { setImmediate } from 'node:timers/promises';

/**
 * Calls `each` on every item, giving the event loop back after every `size` items: synchronous
 * file work done in slices, so that other work of the build (Pagefind's messages, another
 * slice loop) goes on between them.
 */
export async function inSlices<T>(items: readonly T[], size: number, each: (item: T) => void): Promise<void> {
	for (const [i, item] of items.entries()) {
		if (i > 0 && i % size === 0) await setImmediate();
		each(item);
	}
}
