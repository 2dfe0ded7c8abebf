/** Longest slug, suffix included. */
export const MAX_SLUG_LENGTH = 80;

/**
 * Turns a name into a URL segment: NFKD, accents dropped, lowercase ASCII letters and digits,
 * every other run of characters becomes one `-`, trimmed, at most `maxLength` characters.
 * Returns `''` when nothing is left (a name of only symbols or non-Latin letters).
 * @example slugify('Modelo 1 Combinación 3') === 'modelo-1-combinacion-3'
 */
export function slugify(name: string, maxLength = MAX_SLUG_LENGTH): string {
	const ascii = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return ascii.slice(0, maxLength).replace(/-+$/, '');
}

/** Names Windows reserves for devices, whatever the case or extension. */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

export interface SlugItem {
	/** Stable key of the item (experiment id, model name). */
	key: string;
	/** Name the slug is made from. */
	name: string;
	/** Appended as `-<suffix>` when the slug collides or is empty; must be unique among items. */
	suffix: string;
}

/**
 * Gives every item a unique slug. Items are taken in the order given (callers pass a stable
 * order: oldest first), the first item to claim a slug keeps it, and later ones get
 * `<slug>-<suffix>`. An empty slug becomes `<fallback>-<suffix>` (e.g. `experiment-3`),
 * or `<fallback>` for the first one when `fallbackAlone` is set (e.g. `model`).
 * @returns key → slug
 */
export function uniqueSlugs(
	items: readonly SlugItem[],
	fallback: string,
	fallbackAlone = false,
): Map<string, string> {
	const taken = new Set<string>();
	const result = new Map<string, string>();
	const withSuffix = (base: string, suffix: string) => {
		const tail = `-${slugify(suffix) || 'x'}`;
		return `${base.slice(0, MAX_SLUG_LENGTH - tail.length).replace(/-+$/, '')}${tail}`;
	};
	for (const item of items) {
		const base = slugify(item.name);
		let slug = base || (fallbackAlone ? fallback : withSuffix(fallback, item.suffix));
		// A suffixed slug can equal another item's plain slug ("a-2" next to "a" with id 2), and a
		// Windows device name (`con`, `nul`, `com1`) cannot be a folder there, so it is suffixed too.
		for (let n = 1; taken.has(slug) || WINDOWS_RESERVED.test(slug); n++) {
			slug = withSuffix(base || fallback, n === 1 ? item.suffix : `${item.suffix}-${n}`);
		}
		taken.add(slug);
		result.set(item.key, slug);
	}
	return result;
}
