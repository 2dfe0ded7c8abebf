import { describe, expect, it } from 'vitest';
import { MAX_COMPARE } from '../../src/lib/compare-state.ts';
import { readSelection, SELECTION_KEY, toggleSelection, writeSelection, type SelectionStorage } from '../../src/lib/compare-selection.ts';

/** An in-memory Storage. */
function memory(initial: Record<string, string> = {}): SelectionStorage & { data: Map<string, string> } {
	const data = new Map(Object.entries(initial));
	return {
		data,
		getItem: (k) => data.get(k) ?? null,
		setItem: (k, v) => void data.set(k, v),
		removeItem: (k) => void data.delete(k),
	};
}

describe('the compare selection', () => {
	it('adds and removes runs in the order they were picked, and forgets an empty selection', () => {
		const storage = memory();
		expect(toggleSelection(storage, 'a')).toEqual({ ids: ['a'], selected: true });
		expect(toggleSelection(storage, 'b')).toEqual({ ids: ['a', 'b'], selected: true });
		expect(readSelection(storage)).toEqual(['a', 'b']);
		expect(toggleSelection(storage, 'a')).toEqual({ ids: ['b'], selected: false });
		toggleSelection(storage, 'b');
		expect(storage.data.has(SELECTION_KEY)).toBe(false);
	});

	it(`keeps at most ${MAX_COMPARE} runs and refuses to add to a full selection`, () => {
		const storage = memory();
		const ids = Array.from({ length: MAX_COMPARE + 5 }, (_, i) => `run${i}`);
		expect(writeSelection(storage, ids)).toHaveLength(MAX_COMPARE);
		expect(toggleSelection(storage, 'one-more')).toEqual({ ids: ids.slice(0, MAX_COMPARE), selected: false });
	});

	it('reads damaged or foreign values as an empty selection, and survives storage that throws', () => {
		for (const value of ['not json', '{"a":1}', '[1, null, ""]', 'null']) expect(readSelection(memory({ [SELECTION_KEY]: value }))).toEqual([]);
		expect(readSelection(memory({ [SELECTION_KEY]: '["a","a",7,"b"]' }))).toEqual(['a', 'b']);
		const broken: SelectionStorage = {
			getItem: () => {
				throw new Error('denied');
			},
			setItem: () => {
				throw new Error('full');
			},
			removeItem: () => {},
		};
		expect(readSelection(broken)).toEqual([]);
		expect(toggleSelection(broken, 'a')).toEqual({ ids: ['a'], selected: true });
		expect(readSelection(null)).toEqual([]);
	});
});
