import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstroError } from 'astro/errors';
import { PageCacheStale } from '../errors.ts';
import { mlpagesCacheDir } from '../lib/cache-dir.ts';
import { installedVersion } from '../lib/installed-version.ts';
import { FOOTER_MARK, footerOf, swapFooter } from '../lib/page-footer.ts';
import { cachedPageFile, FULL_BUILD_ENV, setPageReusePlan, type PageReusePlan } from '../lib/page-reuse.ts';

/**
 * The page cache: run pages whose inputs did not change since an earlier build are copied from
 * `<cache>/pages/` (mlpagesCacheDir, the folder CI keeps between pipelines) instead of rendered.
 * Their routes leave them out of `getStaticPaths()` (src/lib/page-reuse.ts, run-page-key.ts);
 * after the build, finishPageCache puts them into the site and stores what was rendered.
 *
 * The footer (Provenance.astro: the data's newest time, the commit) changes with every export
 * and every commit, and would make every page new. The cache keeps each page with its footer
 * paragraph cut out, and a reused page gets the footer this build rendered on its other pages,
 * so it has the bytes a fresh render would give (test/integration/page-cache-build.test.ts).
 */

/** What the fingerprint of a build is made from, besides mlpages' own files. */
export interface FingerprintInputs {
	/** The project's root folder and its `src/`. */
	root: string;
	srcDir: string;
	/** The options of mlpages() as resolved (contentDir is left out: no page shows it). */
	options: Record<string, unknown>;
	/** The parts of Astro's final configuration that change pages. */
	astro: Record<string, unknown>;
}

/** The mlpages package's root: two folders above this module, in src/integration/ as in lib/integration/. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The hash of everything outside the snapshot that can change a page's HTML or the names of the
 * `_astro/` bundles it links: the package's `package.json` and every file of its `src/` (the
 * routes, components, styles and client scripts pages are made of), the installed versions of
 * its dependencies and of Astro, the project's Astro and mlpages configuration files and `src/`,
 * and the resolved options. Any change renders every page again.
 */
export function pageCacheFingerprint(inputs: FingerprintInputs): string {
	const hash = createHash('sha256').update('mlpages page cache 1\0');
	const pkgJson = readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8');
	hash.update(pkgJson);
	const pkg = JSON.parse(pkgJson) as { dependencies?: Record<string, string> };
	for (const name of ['astro', ...Object.keys(pkg.dependencies ?? {})].sort()) {
		hash.update(`\0${name}@${installedVersion(name, inputs.root) ?? installedVersion(name, PACKAGE_ROOT) ?? '?'}`);
	}
	hashTree(hash, join(PACKAGE_ROOT, 'src'));
	hashTree(hash, inputs.srcDir);
	for (const name of readdirSync(inputs.root).filter((f) => /^(astro|mlpages)\.config\.[cm]?[jt]s$/.test(f)).sort()) {
		hash.update(`\0${name}\0`).update(readFileSync(join(inputs.root, name)));
	}
	hash.update(`\0${JSON.stringify(inputs.options)}\0${JSON.stringify(inputs.astro)}`);
	return hash.digest('hex').slice(0, 32);
}

/** Adds every file under `dir` (relative path and bytes, sorted) to `hash`; nothing when there is no `dir`. */
function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
	if (!existsSync(dir)) return;
	const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; parentPath: string; name: string }>)
		.filter((e) => e.isFile())
		.map((e) => join(e.parentPath, e.name))
		.sort();
	for (const file of files) hash.update(`\0${relative(dir, file)}\0`).update(readFileSync(file));
}

/**
 * How many fingerprints keep their pages: the most recently used. One CI cache often serves
 * builds of several kinds (the default branch at its Pages address, merge-request previews
 * under `/mr-<iid>/`, with another `base` and so another fingerprint); with one folder per
 * fingerprint they do not evict each other's pages, and an upgrade leaves a bounded trail.
 */
export const KEPT_FINGERPRINTS = 4;

/**
 * Sets up the page cache of a build: its folder `pages/<fingerprint>/` under mlpagesCacheDir
 * (relative to the working directory, as the chart cache), and whether pages may be reused (not
 * with `full`, which also empties `pages/`). The routes read the plan while Astro calls their
 * getStaticPaths().
 */
export function startPageCache(fingerprint: string, env: Record<string, string | undefined> = process.env): PageReusePlan {
	const pages = resolve(mlpagesCacheDir('pages', env));
	const full = Boolean(env[FULL_BUILD_ENV]);
	if (full) rmSync(pages, { recursive: true, force: true });
	const plan: PageReusePlan = { dir: join(pages, fingerprint), fingerprint, reuse: !full, reused: new Map(), rendered: new Map(), paths: new Map() };
	setPageReusePlan(plan);
	return plan;
}

/** What finishPageCache did. */
export interface PageCacheResult {
	/** Run pages taken from the cache. */
	reused: number;
	/** Run pages rendered. */
	rendered: number;
	/** The other HTML pages the cache knows (experiment pages): taken from it, and rendered. Data files are not counted. */
	others: { reused: number; rendered: number };
	/** Rendered pages now in the cache. */
	stored: number;
}

/** The page of run `id` in a built site (format `directory`), relative to it. */
const runPagePath = (id: string) => `runs/${id}/index.html`;
/** An HTML page, which carries the footer, rather than a data file. */
const isPage = (path: string) => path.endsWith('.html');
/** Where page `id` of the plan is in the built site, relative to it. */
const pagePath = (plan: PageReusePlan, id: string) => plan.paths.get(id) ?? runPagePath(id);
/** Its folder, as a message names it (`runs/<id>/`). */
const pageFolder = (plan: PageReusePlan, id: string) => pagePath(plan, id).replace(/index\.html$/, '');

/**
 * The key of every run page of the build (reused or rendered) by its path in the site: what the
 * page shows, so the search index takes an unchanged page as known without reading it
 * (search-index.ts, pageIdentities). Read before finishPageCache, which ends the plan.
 */
export function pageKeysByPath(plan: PageReusePlan): Map<string, string> {
	return new Map([...plan.reused, ...plan.rendered].filter(([id]) => !plan.paths.has(id)).map(([id, key]) => [runPagePath(id), key]));
}

/**
 * After `astro build`, before anything reads the site: writes each reused page (run pages, and
 * the experiment pages of experiment-page-key.ts) into `outDir` with this build's footer (a data
 * file, an experiment's `runs.json`, as it was stored), checks that every `_astro/` file they
 * link exists, stores the pages this build rendered (footer cut out), and drops cached versions
 * no build will ask for again
 * (an older key of a page built now; in an unsharded build, pages of runs gone from the site).
 * @throws AstroError (`MlpagesPageCacheStale`) when a reused page links a missing bundle: the
 * reused pages are removed from `outDir` and the cache emptied, so nothing broken is published.
 */
export function finishPageCache(outDir: string, plan: PageReusePlan, sharded: boolean): PageCacheResult {
	setPageReusePlan(null);
	const footer = plan.reused.size > 0 ? freshFooter(outDir, plan) : null;
	const written: string[] = [];
	const assets = new Set<string>();
	const missing = new Set<string>();
	// Bytes, not text: 10,000 pages of about 30 KB each are read, cut at the footer mark and
	// written, and decoding and encoding them as strings was most of that work (a copy of the
	// bytes to join them costs little).
	const footerBytes = footer === null ? null : Buffer.from(footer);
	for (const [id, key] of plan.reused) {
		let cached: Buffer;
		try {
			cached = readFileSync(cachedPageFile(plan.dir, id, key));
		} catch {
			// Another build sharing the cache folder removed it meanwhile.
			missing.add(`the cached copy of ${pageFolder(plan, id)} (removed during the build)`);
			break;
		}
		const out = join(outDir, pagePath(plan, id));
		// A data file (an experiment's runs.json) has no footer: it is published as it was stored.
		const at = isPage(out) ? cached.lastIndexOf(FOOTER_MARK_BYTES) : null;
		const pieces = at === null ? [cached] : footerBytes === null || at < 0 ? null : [cached.subarray(0, at), footerBytes, cached.subarray(at + FOOTER_MARK_BYTES.length)];
		if (pieces === null) {
			missing.add(footer === null ? `the footer (no page of this build has one to give the ${plan.reused.size} reused pages)` : `the footer of ${pageFolder(plan, id)} (its cached copy has no place for it)`);
			break;
		}
		mkdirSync(dirname(out), { recursive: true });
		writeFileSync(out, pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces));
		written.push(out);
		for (const asset of astroAssets(cached)) {
			if (assets.has(asset)) continue;
			assets.add(asset);
			if (!existsSync(join(outDir, asset))) missing.add(`${asset} (linked by ${pageFolder(plan, id)})`);
		}
	}
	if (missing.size > 0) {
		for (const file of written) rmSync(file, { force: true });
		rmSync(plan.dir, { recursive: true, force: true });
		throw new AstroError(PageCacheStale.message(plan.dir, [...missing].slice(0, 10).join('\n')), PageCacheStale.hint);
	}
	mkdirSync(plan.dir, { recursive: true });
	let stored = 0;
	for (const [id, key] of plan.rendered) {
		let html: string;
		try {
			html = readFileSync(join(outDir, pagePath(plan, id)), 'utf8');
		} catch {
			continue;
		}
		const cut = isPage(pagePath(plan, id)) ? swapFooter(html, FOOTER_MARK) : html;
		if (cut === null) continue;
		// Written whole, then renamed: a build stopped halfway leaves no half page to reuse.
		const file = cachedPageFile(plan.dir, id, key);
		writeFileSync(`${file}.tmp`, cut);
		renameSync(`${file}.tmp`, file);
		stored++;
	}
	prune(plan, sharded);
	keepRecentFingerprints(plan.dir);
	const count = (ids: Iterable<string>, run: boolean) => [...ids].filter((id) => (run ? !plan.paths.has(id) : plan.paths.has(id) && isPage(pagePath(plan, id)))).length;
	return {
		reused: count(plan.reused.keys(), true),
		rendered: count(plan.rendered.keys(), true),
		others: { reused: count(plan.reused.keys(), false), rendered: count(plan.rendered.keys(), false) },
		stored,
	};
}

const FOOTER_MARK_BYTES = Buffer.from(FOOTER_MARK);
const ASTRO_DIR = Buffer.from('_astro/');

/** Bytes a bundle's file name may hold after `_astro/` (`[A-Za-z0-9._@~-]`). */
const ASSET_NAME = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._@~-') ASSET_NAME[c.charCodeAt(0)] = 1;

/** The `_astro/<file>` paths a page links, in its bytes (the matches of /_astro\/[A-Za-z0-9._@~-]+/g). */
function* astroAssets(page: Buffer): Generator<string> {
	let at = page.indexOf(ASTRO_DIR);
	while (at >= 0) {
		let end = at + ASTRO_DIR.length;
		while (end < page.length && ASSET_NAME[page[end]!] === 1) end++;
		if (end > at + ASTRO_DIR.length) yield page.toString('latin1', at, end);
		at = page.indexOf(ASTRO_DIR, end);
	}
}

/** The footer this build rendered: from a run page it rendered, else the 404 or home page. */
function freshFooter(outDir: string, plan: PageReusePlan): string | null {
	const candidates = [...[...plan.rendered.keys()].slice(0, 1).map((id) => join(outDir, pagePath(plan, id))), join(outDir, '404.html'), join(outDir, 'index.html')];
	for (const file of candidates) {
		try {
			const footer = footerOf(readFileSync(file, 'utf8'));
			if (footer !== null) return footer;
		} catch {
			// not built: try the next
		}
	}
	return null;
}

/** Removes cached pages no later build of this site will ask for. */
function prune(plan: PageReusePlan, sharded: boolean): void {
	for (const name of readdirSync(plan.dir)) {
		const m = /^([^.]+)\.([0-9a-f]+)\.html(\.tmp)?$/.exec(name);
		const id = m?.[1];
		const current = id === undefined ? undefined : (plan.reused.get(id) ?? plan.rendered.get(id));
		const keep = m !== null && !m[3] && (current === undefined ? sharded : current === m[2]);
		if (!keep) rmSync(join(plan.dir, name), { force: true });
	}
}

/** Marks `dir` as just used and removes the folders of all but the KEPT_FINGERPRINTS most recently used fingerprints beside it. */
function keepRecentFingerprints(dir: string): void {
	const now = new Date();
	utimesSync(dir, now, now);
	const pages = dirname(dir);
	const folders = readdirSync(pages, { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.map((e) => ({ path: join(pages, e.name), used: statSync(join(pages, e.name)).mtimeMs }))
		.sort((a, b) => b.used - a.used || (a.path === dir ? -1 : b.path === dir ? 1 : 0));
	for (const old of folders.slice(KEPT_FINGERPRINTS)) rmSync(old.path, { recursive: true, force: true });
}
