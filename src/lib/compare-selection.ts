import { MAX_COMPARE } from './compare-state.ts';

/** localStorage key of the runs picked for comparison: a JSON array of run ids, oldest pick first. */
export const SELECTION_KEY = 'mlpages-compare';

/** The part of `Storage` the selection uses (tests pass a Map-backed one). */
export type SelectionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The runs picked for comparison, kept in the browser across pages: a run page's "Add to
 * compare" adds to it and the compare page shows it. Unreadable, foreign or oversized values
 * read as an empty selection or are cut to MAX_COMPARE; storage that throws (private mode,
 * disabled) reads as empty and ignores writes, so the pages still work for the page they are on.
 */
export function readSelection(storage: SelectionStorage | null): string[] {
	try {
		const value: unknown = JSON.parse(storage?.getItem(SELECTION_KEY) ?? '[]');
		if (!Array.isArray(value)) return [];
		const ids = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 200);
		return [...new Set(ids)].slice(0, MAX_COMPARE);
	} catch {
		return [];
	}
}

/** Stores `ids` (deduplicated, at most MAX_COMPARE); an empty list removes the key. */
export function writeSelection(storage: SelectionStorage | null, ids: readonly string[]): string[] {
	const kept = [...new Set(ids)].slice(0, MAX_COMPARE);
	try {
		if (kept.length === 0) storage?.removeItem(SELECTION_KEY);
		else storage?.setItem(SELECTION_KEY, JSON.stringify(kept));
	} catch {
		// Storage full or disabled: the selection lives in the page's address only.
	}
	return kept;
}

/**
 * Adds `id` to the selection or removes it. Adding to a full selection changes nothing.
 * @returns the new selection and whether `id` is in it
 */
export function toggleSelection(storage: SelectionStorage | null, id: string): { ids: string[]; selected: boolean } {
	const ids = readSelection(storage);
	if (ids.includes(id)) return { ids: writeSelection(storage, ids.filter((x) => x !== id)), selected: false };
	if (ids.length >= MAX_COMPARE) return { ids, selected: false };
	return { ids: writeSelection(storage, [...ids, id]), selected: true };
}

/** `window.localStorage`, or null where reading it throws (sandboxed frames, disabled storage). */
export function browserStorage(): SelectionStorage | null {
	try {
		return window.localStorage;
	} catch {
		return null;
	}
}
