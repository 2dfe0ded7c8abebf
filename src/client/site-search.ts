/**
 * `<site-search data-bundle="<base>pagefind/" data-base="<base>">`: a search box over the site's
 * Pagefind index. It wraps an `<input type="search">` (no form: the site's CSP allows no form
 * submission, and the search runs as one types), a `[data-status]` line and
 * an `<ol data-results>`. Pagefind's script is imported on first use from the bundle URL; results
 * are built with DOM methods (the excerpt's `<mark>`s kept, all other markup dropped), so the page
 * needs no inline style or script. The query is kept in the URL as `?q=`.
 */

interface PagefindResult {
	data: () => Promise<{ url: string; excerpt: string; meta: Record<string, string | undefined> }>;
}
interface Pagefind {
	options: (options: { baseUrl?: string }) => Promise<void>;
	mergeIndex: (indexPath: string, options?: { baseUrl?: string }) => Promise<void>;
	debouncedSearch: (query: string, options?: object, ms?: number) => Promise<{ results: PagefindResult[] } | null>;
}

const MAX_RESULTS = 20;

/** The excerpt as DOM: text, with Pagefind's `<mark>` highlights kept and nothing else. */
function excerptNodes(html: string): Node[] {
	const template = document.createElement('template');
	template.innerHTML = html;
	return [...template.content.childNodes].map((node) => {
		if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent ?? '');
		const mark = document.createElement('mark');
		mark.textContent = node.textContent;
		return mark;
	});
}

class SiteSearch extends HTMLElement {
	#pagefind: Promise<Pagefind> | undefined;

	connectedCallback() {
		const input = this.querySelector('input');
		if (!input) return;
		input.addEventListener('input', () => void this.search(input.value));
		const initial = new URLSearchParams(location.search).get('q');
		if (initial) {
			input.value = initial;
			void this.search(initial);
		}
		this.hidden = false;
	}

	#load(): Promise<Pagefind> {
		this.#pagefind ??= (async () => {
			const bundle = this.dataset['bundle'] ?? '/pagefind/';
			const pagefind = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as Pagefind;
			const baseUrl = this.dataset['base'] ?? '/';
			await pagefind.options({ baseUrl });
			// A site of many runs has its index in parts (src/integration/search-parts.ts): the
			// main one and those listed in mlpages-parts.json, searched together.
			const parts = (await (await fetch(`${bundle}mlpages-parts.json`)).json()) as string[];
			for (const part of parts) await pagefind.mergeIndex(`${bundle}${part}`, { baseUrl });
			return pagefind;
		})();
		return this.#pagefind;
	}

	async search(query: string) {
		const status = this.querySelector('[data-status]');
		const list = this.querySelector('[data-results]');
		if (!status || !list) return;
		const url = new URL(location.href);
		if (query.trim()) url.searchParams.set('q', query);
		else url.searchParams.delete('q');
		history.replaceState(null, '', url);
		if (!query.trim()) {
			list.replaceChildren();
			status.textContent = '';
			return;
		}
		let found;
		try {
			found = await (await this.#load()).debouncedSearch(query);
		} catch {
			status.textContent = 'The search index could not be loaded. It is built by npm run build.';
			return;
		}
		if (!found) return;
		const results = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
		list.replaceChildren(
			...results.map((r) => {
				const item = document.createElement('li');
				const link = document.createElement('a');
				link.href = r.url;
				link.textContent = r.meta['title'] ?? r.url;
				const excerpt = document.createElement('p');
				excerpt.append(...excerptNodes(r.excerpt));
				item.append(link, excerpt);
				return item;
			}),
		);
		const n = found.results.length;
		status.textContent = n === 0 ? `Nothing found for “${query}”.` : `${n} page${n === 1 ? '' : 's'} found${n > MAX_RESULTS ? `, the first ${MAX_RESULTS} shown` : ''}.`;
	}
}

if (!customElements.get('site-search')) customElements.define('site-search', SiteSearch);
