import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostLimits } from '../../src/integration/host-limits.ts';
import { describeSiteSize, measureSite, siteSizeReport } from '../../src/integration/site-size-report.ts';
import { siteOverHostLimit } from '../../src/messages.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';

const temp = mkdtempSync(join(tmpdir(), 'mlpages-site-size-report-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A built site of `runs` run pages of 3,000 bytes, each with a 1,000-byte data file, and a home page. */
function site(name: string, runs: number): string {
	const dir = join(temp, name);
	mkdirSync(dir);
	writeFileSync(join(dir, 'index.html'), 'x'.repeat(500));
	for (let i = 0; i < runs; i++) {
		mkdirSync(join(dir, 'runs', `r${i}`), { recursive: true });
		writeFileSync(join(dir, 'runs', `r${i}`, 'index.html'), 'x'.repeat(3000));
		writeFileSync(join(dir, 'runs', `r${i}`, 'history.csv'), 'x'.repeat(1000));
	}
	return dir;
}

describe('the size report of a built site', () => {
	it('counts files, bytes and run pages, and says them for people', () => {
		const size = measureSite(site('three', 3));
		expect(size).toEqual({ bytes: 12_500, files: 7, runs: 3 });
		expect(describeSiteSize(size)).toBe('dist/: 12 KB in 7 files, 4.1 KB and 2.3 files per run (3 runs).');
		expect(describeSiteSize({ bytes: 190_840_000, files: 41_230, runs: 10_000 })).toBe('dist/: 182 MB in 41,230 files, 19 KB and 4.1 files per run (10,000 runs).');
		expect(describeSiteSize({ bytes: 500, files: 1, runs: 0 }, 'public/')).toBe('public/: 500 B in 1 file.');
	});

	it('warns, naming the host and its limit, for each limit the site exceeds', () => {
		const dir = site('over', 3);
		const limits = { name: 'the configured host', maxBytes: 10_000, maxFiles: 5, from: 'host in the configuration' };
		expect(siteSizeReport(dir, limits).warnings).toEqual([
			siteOverHostLimit('dist/', '12 KB', '9.8 KB per site', limits),
			siteOverHostLimit('dist/', '7 files', '5 files per site', limits),
		]);
		expect(siteSizeReport(dir, { ...limits, maxBytes: 20_000, maxFiles: 7 }).warnings).toEqual([]);
		expect(siteSizeReport(dir, null).warnings).toEqual([]);
	});
});

describe('hostLimits', () => {
	const host = (value: unknown) => MlpagesConfigSchema.parse({ host: value }).host;

	it('takes the host from the CI job when the configuration names none', () => {
		expect(hostLimits(undefined, { CI_SERVER_HOST: 'gitlab.com' })).toMatchObject({ name: 'GitLab.com Pages', maxBytes: 1024 ** 3, maxFiles: 200_000, from: 'CI_SERVER_HOST=gitlab.com' });
		const selfManaged = hostLimits(undefined, { CI_SERVER_HOST: 'gitlab.example.com' });
		expect(selfManaged).toMatchObject({ maxBytes: 100 * 1024 ** 2, from: 'CI_SERVER_HOST=gitlab.example.com' });
		expect(selfManaged?.note).toMatch(/administrator can raise it/);
		expect(hostLimits(undefined, { GITHUB_ACTIONS: 'true' })).toMatchObject({ name: 'GitHub Pages', maxBytes: 1024 ** 3 });
		expect(hostLimits(undefined, {})).toBeNull();
	});

	it('follows the configuration over the environment', () => {
		expect(hostLimits(host('none'), { CI_SERVER_HOST: 'gitlab.com' })).toBeNull();
		expect(hostLimits(host('gitlab'), { GITHUB_ACTIONS: 'true' })).toMatchObject({ maxBytes: 100 * 1024 ** 2 });
		expect(hostLimits(host({ maxFiles: 10 }), { CI_SERVER_HOST: 'gitlab.com' })).toEqual({ name: 'the configured host', maxFiles: 10, from: 'host in the configuration' });
		expect(() => host('netlify')).toThrow();
		expect(() => host({ maxBytes: -1 })).toThrow();
	});
});
