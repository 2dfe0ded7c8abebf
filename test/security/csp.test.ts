/**
 * §2.4 T7 of the security reference: every built page carries a Content-Security-Policy `<meta>`
 * without `unsafe-eval` or `unsafe-inline` for scripts, every inline script is a JSON data island
 * or hashed in the policy, and no page loads anything from another origin.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeEntities, scripts, tags } from './html.ts';
import { hostileSite } from './hostile-site.ts';

let site: Awaited<ReturnType<typeof hostileSite>>;
beforeAll(async () => {
	site = await hostileSite();
});

/** The policy of a page, directive name → sources. */
function policyOf(html: string): Map<string, string[]> | null {
	const meta = tags(html).find((t) => t.name === 'meta' && t.attributes['http-equiv']?.toLowerCase() === 'content-security-policy');
	if (!meta) return null;
	const policy = new Map<string, string[]>();
	for (const directive of decodeEntities(meta.attributes['content'] ?? '').split(';')) {
		const [name, ...sources] = directive.trim().split(/\s+/);
		if (name) policy.set(name.toLowerCase(), sources);
	}
	return policy;
}

describe('Content-Security-Policy', () => {
	it('is on every page', () => {
		expect(site.pages.length).toBeGreaterThan(40);
		expect(site.pages.filter((p) => policyOf(site.read(p)) === null)).toEqual([]);
	});

	it("allows scripts only from 'self' and by hash: no unsafe-eval, no unsafe-inline, no host", () => {
		for (const page of site.pages) {
			const policy = policyOf(site.read(page))!;
			const script = policy.get('script-src') ?? policy.get('default-src')!;
			expect(script, page).toContain("'self'");
			// 'wasm-unsafe-eval' (the search page's WebAssembly index) compiles WebAssembly only;
			// JavaScript strings still cannot be evaluated.
			for (const source of script) expect(source, page).toMatch(/^'(?:self|wasm-unsafe-eval|sha(?:256|384|512)-[A-Za-z0-9+/=]+)'$/);
			expect(script, page).not.toContain("'unsafe-eval'");
			expect(script, page).not.toContain("'unsafe-inline'");
		}
	});

	it("refuses everything by default and blocks base, forms, plugins and remote images", () => {
		const policy = policyOf(site.read('index.html'))!;
		expect(policy.get('default-src')).toEqual(["'none'"]);
		expect(policy.get('base-uri')).toEqual(["'none'"]);
		expect(policy.get('form-action')).toEqual(["'none'"]);
		expect(policy.get('object-src')).toEqual(["'none'"]);
		expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
		expect(policy.get('connect-src')).toEqual(["'self'"]);
		for (const source of policy.get('style-src') ?? []) expect(source).not.toBe("'unsafe-inline'");
	});

	it('lets no inline script run unless the policy lists its hash; data islands are JSON', () => {
		for (const page of site.pages) {
			const html = site.read(page);
			const script = policyOf(html)!.get('script-src')!;
			for (const s of scripts(html)) {
				if (s.tag.attributes['src'] !== undefined || s.tag.attributes['type'] === 'application/json') continue;
				const hash = `'sha256-${createHash('sha256').update(s.body).digest('base64')}'`;
				expect(script, `${page}: ${s.body.slice(0, 60)}`).toContain(hash);
			}
		}
	});

	it('comes before every script, style and base element of the page', () => {
		for (const page of site.pages) {
			const all = tags(site.read(page));
			const at = all.findIndex((t) => t.name === 'meta' && t.attributes['http-equiv']?.toLowerCase() === 'content-security-policy');
			expect(all.slice(0, at).filter((t) => ['script', 'style', 'base', 'img', 'iframe'].includes(t.name)).map((t) => t.text), page).toEqual([]);
		}
	});
});

describe('no request to another origin', () => {
	it('loads scripts, styles, images, fonts and icons only from this site', () => {
		for (const page of site.pages) {
			for (const t of tags(site.read(page))) {
				const urls = [t.attributes['src'], t.name === 'link' ? t.attributes['href'] : undefined, t.attributes['poster'], t.attributes['data']]
					.concat((t.attributes['srcset'] ?? '').split(',').map((s) => s.trim().split(/\s+/)[0]))
					.filter((u): u is string => Boolean(u))
					.map(decodeEntities);
				for (const url of urls) expect(url, `${page}: ${t.text.slice(0, 100)}`).toMatch(/^(?:\/(?!\/)|data:image\/|#|$)/);
			}
		}
	});

	it('links to other sites only from the templates, never from data', () => {
		const external = new Set<string>();
		for (const page of site.pages) {
			for (const t of tags(site.read(page)).filter((x) => x.name === 'a')) {
				const href = decodeEntities(t.attributes['href'] ?? '');
				if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) external.add(new URL(href, 'https://site.invalid/').origin);
			}
		}
		expect([...external].sort()).toEqual(['https://mlflow.org']);
	});

	it('puts no absolute URL of another host into the scripts the pages load', () => {
		for (const page of site.pages) {
			for (const s of scripts(site.read(page))) {
				if (s.tag.attributes['type'] === 'application/json') continue;
				if (s.tag.attributes['src'] !== undefined) expect(s.tag.attributes['src'], page).toMatch(/^\/_astro\/[\w.-]+\.js$/);
				else expect(s.body, page).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/);
			}
		}
	});
});
