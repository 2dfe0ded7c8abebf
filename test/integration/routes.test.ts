import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlpagesRoutes, routePattern, ROUTE_FILES } from '../../src/integration/routes.ts';
import { ROOT } from '../support/example-site.ts';

const ROUTES = join(ROOT, 'src/routes');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));

describe('the routes the integration injects', () => {
	it('are every file of src/routes/, each once: a new page cannot be forgotten', () => {
		const files = walk(ROUTES).map((f) => relative(ROUTES, f)).sort();
		expect([...ROUTE_FILES].sort()).toEqual(files);
	});

	it("have the URL patterns of the contract, as Astro's file-based routing would give them", () => {
		const patterns = mlpagesRoutes().map((r) => r.pattern);
		for (const url of ['/', '/experiments/[slug]', '/runs/[id]', '/compare', '/models/[slug]', '/models/[slug]/[version]', '/models/[slug]/@[alias]', '/reports/[...slug]', '/changes', '/search', '/404']) {
			expect(patterns).toContain(url);
		}
		expect(routePattern('models/[slug]/[version]/og.png.ts')).toBe('/models/[slug]/[version]/og.png');
		expect(routePattern('changes/index.astro')).toBe('/changes');
		expect(new Set(patterns).size).toBe(patterns.length);
	});

	it('point at files that exist, by absolute path (no package-name resolution needed)', () => {
		for (const { entrypoint } of mlpagesRoutes()) expect(existsSync(entrypoint), entrypoint).toBe(true);
	});
});
