import { uniqueSlugs } from '../lib/slug.ts';

/**
 * uniqueSlugs within each namespace (a source of a site with several), each slug then prefixed
 * `<namespace>--` (e.g. `team-a--penguins-mlp-sweep`); items without a namespace get plain slugs.
 * A suffix starting with `<namespace>--` loses that prefix, so it is not written twice.
 * @returns key → slug
 */
export function namespacedSlugs(
	items: ReadonlyArray<{ key: string; name: string; suffix: string; namespace: string | null }>,
	fallback: string,
	fallbackAlone = false,
): Map<string, string> {
	const groups = new Map<string | null, Array<{ key: string; name: string; suffix: string }>>();
	for (const item of items) {
		const ns = item.namespace;
		const suffix = ns !== null && item.suffix.startsWith(`${ns}--`) ? item.suffix.slice(ns.length + 2) : item.suffix;
		let group = groups.get(ns);
		if (!group) groups.set(ns, (group = []));
		group.push({ key: item.key, name: item.name, suffix });
	}
	const out = new Map<string, string>();
	for (const [ns, group] of groups) {
		for (const [key, slug] of uniqueSlugs(group, fallback, fallbackAlone)) out.set(key, ns === null ? slug : `${ns}--${slug}`);
	}
	return out;
}
