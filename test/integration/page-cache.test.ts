import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PageCacheStale } from '../../src/errors.ts';
import { finishPageCache, startPageCache } from '../../src/integration/page-cache.ts';
import { cachedPageFile, pageReusePlan, reusablePaths } from '../../src/lib/page-reuse.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);
const page = (body: string, footer: string, asset = 'index.1a2b3c.css') =>
	`<html><head><link rel="stylesheet" href="/_astro/${asset}"></head><body><main>${body}</main><footer><p class="provenance">${footer}</p></footer></body></html>`;

describe('the page cache after a build', () => {
	const scratch = () => {
		const dir = tempDir('mlpages-page-cache-');
		return { out: join(dir, 'dist'), env: { MLPAGES_CACHE_DIR: join(dir, 'cache') } };
	};
	const write = (file: string, text: string) => {
		mkdirSync(join(file, '..'), { recursive: true });
		writeFileSync(file, text);
	};

	/** A first build that rendered runs A and B, then a second whose getStaticPaths saw A (same key), B (new key) and C. */
	async function twoBuilds(asset?: string) {
		const { out, env } = scratch();
		const first = startPageCache('fp', env);
		expect(await reusablePaths([A, B], (id) => id, async (id) => (id === A ? 'a1' : 'b1'))).toEqual([A, B]);
		write(join(out, '_astro', 'index.1a2b3c.css'), 'body{}');
		write(join(out, 'runs', A, 'index.html'), page('run A', 'Data through Monday.'));
		write(join(out, 'runs', B, 'index.html'), page('run B', 'Data through Monday.'));
		expect(finishPageCache(out, first, false)).toEqual({ reused: 0, rendered: 2, others: { reused: 0, rendered: 0 }, stored: 2 });
		rmSync(out, { recursive: true });
		const second = startPageCache('fp', env);
		const keys: Record<string, string> = { [A]: 'a1', [B]: 'b2', [C]: 'c1' };
		expect(await reusablePaths([A, B, C], (id) => id, async (id) => keys[id]!)).toEqual([B, C]);
		write(join(out, '_astro', asset ?? 'index.1a2b3c.css'), 'body{}');
		write(join(out, 'runs', B, 'index.html'), page('run B, changed', 'Data through Tuesday.'));
		write(join(out, 'runs', C, 'index.html'), page('run C', 'Data through Tuesday.'));
		write(join(out, '404.html'), page('not found', 'Data through Tuesday.'));
		return { out, plan: second };
	}

	it('publishes a reused page that is not a run page at its own path, counted apart from run pages', async () => {
		const { out, env } = scratch();
		const X = 'experiment-0123456789abcdef01234567';
		const paths = [{ id: X, out: 'experiments/sweep/index.html' }];
		const first = startPageCache('fp', env);
		expect(await reusablePaths(paths, (p) => p.id, async () => 'e1', (p) => p.out)).toEqual(paths);
		write(join(out, '_astro', 'index.1a2b3c.css'), 'body{}');
		// Bytes of any script on both sides of the footer, which the cache cuts and joins as bytes.
		write(join(out, 'experiments/sweep/index.html'), page('the sweep · naïve ✓ 学習率', 'Data through Monday.'));
		expect(finishPageCache(out, first, false)).toEqual({ reused: 0, rendered: 0, others: { reused: 0, rendered: 1 }, stored: 1 });
		rmSync(out, { recursive: true });
		const second = startPageCache('fp', env);
		expect(await reusablePaths(paths, (p) => p.id, async () => 'e1', (p) => p.out)).toEqual([]);
		write(join(out, '_astro', 'index.1a2b3c.css'), 'body{}');
		write(join(out, '404.html'), page('not found', 'Data through Tuesday — 12:00 ✓.'));
		expect(finishPageCache(out, second, false)).toEqual({ reused: 0, rendered: 0, others: { reused: 1, rendered: 0 }, stored: 0 });
		expect(readFileSync(join(out, 'experiments/sweep/index.html'), 'utf8')).toBe(page('the sweep · naïve ✓ 学習率', 'Data through Tuesday — 12:00 ✓.'));
		expect(existsSync(join(out, 'runs', X))).toBe(false);
	});

	it('publishes a reused data file (an experiment\'s runs.json) as it was stored, without a footer', async () => {
		const { out, env } = scratch();
		const paths = [{ id: 'experiment-runs-0123456789abcdef01234567', out: 'experiments/sweep/runs.json' }];
		const first = startPageCache('fp', env);
		await reusablePaths(paths, (p) => p.id, async () => 'e1', (p) => p.out);
		write(join(out, 'experiments/sweep/runs.json'), '{"rows":[1,2]}');
		write(join(out, '404.html'), page('not found', 'Data through Monday.'));
		expect(finishPageCache(out, first, false)).toMatchObject({ others: { reused: 0, rendered: 0 }, stored: 1 });
		rmSync(out, { recursive: true });
		const second = startPageCache('fp', env);
		expect(await reusablePaths(paths, (p) => p.id, async () => 'e1', (p) => p.out)).toEqual([]);
		write(join(out, '404.html'), page('not found', 'Data through Tuesday.'));
		finishPageCache(out, second, false);
		expect(readFileSync(join(out, 'experiments/sweep/runs.json'), 'utf8')).toBe('{"rows":[1,2]}');
	});

	it('publishes a reused page with the footer of this build and keeps one copy per page', async () => {
		const { out, plan } = await twoBuilds();
		expect(finishPageCache(out, plan, false)).toEqual({ reused: 1, rendered: 2, others: { reused: 0, rendered: 0 }, stored: 2 });
		expect(readFileSync(join(out, 'runs', A, 'index.html'), 'utf8')).toBe(page('run A', 'Data through Tuesday.'));
		expect(readdirSync(plan.dir).sort()).toEqual([`${A}.a1.html`, `${B}.b2.html`, `${C}.c1.html`]);
		expect(readFileSync(cachedPageFile(plan.dir, B, 'b2'), 'utf8')).not.toContain('Tuesday');
		expect(pageReusePlan()).toBeNull();
	});

	it('removes the reused pages and empties the cache when they link a bundle this build did not make', async () => {
		const { out, plan } = await twoBuilds('index.9f8e7d.css');
		expect(() => finishPageCache(out, plan, false)).toThrow(PageCacheStale.message(plan.dir, `_astro/index.1a2b3c.css (linked by runs/${A}/)`));
		expect(existsSync(join(out, 'runs', A, 'index.html'))).toBe(false);
		expect(existsSync(join(out, 'runs', B, 'index.html'))).toBe(true);
		expect(existsSync(plan.dir)).toBe(false);
	});

	it('renders every page when the build is full, and keeps the pages of other shards', async () => {
		const { out, env } = scratch();
		write(cachedPageFile(join(env.MLPAGES_CACHE_DIR, 'pages', 'fp'), A, 'a1'), page('old', '<!--mlpages:provenance-->'));
		const full = startPageCache('fp', { ...env, MLPAGES_FULL_BUILD: '1' });
		expect(full.reuse).toBe(false);
		expect(existsSync(join(env.MLPAGES_CACHE_DIR, 'pages'))).toBe(false);
		const plan = startPageCache('fp', env);
		write(cachedPageFile(plan.dir, A, 'a1'), 'cached');
		expect(await reusablePaths([B], (id) => id, async () => 'b1')).toEqual([B]);
		write(join(out, 'runs', B, 'index.html'), page('run B', 'now'));
		finishPageCache(out, plan, true);
		expect(readdirSync(plan.dir).sort()).toEqual([`${A}.a1.html`, `${B}.b1.html`]);
	});

	it('keeps the pages of the four most recently used fingerprints, so a merge request preview does not evict the site pages', async () => {
		const { out, env } = scratch();
		const pages = join(env.MLPAGES_CACHE_DIR, 'pages');
		for (const [i, fp] of ['old1', 'old2', 'old3', 'old4'].entries()) {
			write(cachedPageFile(join(pages, fp), A, 'a1'), 'cached');
			utimesSync(join(pages, fp), 1000 + i, 1000 + i);
		}
		const plan = startPageCache('new', env);
		expect(await reusablePaths([A], (id) => id, async () => 'a1')).toEqual([A]);
		write(join(out, 'runs', A, 'index.html'), page('run A', 'now'));
		finishPageCache(out, plan, false);
		expect(readdirSync(pages).sort()).toEqual(['new', 'old2', 'old3', 'old4']);
	});
});
