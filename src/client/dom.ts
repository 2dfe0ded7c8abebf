/**
 * Small DOM builders for pages drawn in the browser. Text always goes in as text nodes
 * (strings become `Text`), never as HTML; attributes are set with `setAttribute`, and those
 * that are `undefined`, `null` or `false` are left out (`true` sets an empty one).
 */
export type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

function fill<E extends Element>(element: E, attrs: Attrs, children: Child[]): E {
	for (const [name, value] of Object.entries(attrs)) {
		if (value === undefined || value === null || value === false) continue;
		element.setAttribute(name, value === true ? '' : String(value));
	}
	for (const child of children) {
		if (child === null || child === undefined || child === false) continue;
		element.append(typeof child === 'string' ? document.createTextNode(child) : child);
	}
	return element;
}

/** An HTML element. @example h('a', { href: '/x/' }, 'text') */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
	return fill(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function s(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
	return fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

/** A fragment of several nodes. */
export function fragment(...children: Child[]): DocumentFragment {
	const f = document.createDocumentFragment();
	for (const child of children) if (child !== null && child !== undefined && child !== false) f.append(child);
	return f;
}
