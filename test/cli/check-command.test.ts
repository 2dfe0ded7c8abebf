import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type MainEffects } from '../../src/cli/main.ts';
import { LinksBroken, PreviewAddressMissing } from '../../src/errors.ts';
import { previewAddressProblem } from '../../src/cli/check-command.ts';
import { hostLimits } from '../../src/integration/host-limits.ts';
import { describeSiteSize, measureSite } from '../../src/integration/site-size-report.ts';
import { siteOverHostLimit } from '../../src/messages.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';

/** A built site with these files under dist/. */
function site(pages: Record<string, string>): string {
	const cwd = tempDir('mlpages-check-');
	for (const [path, html] of Object.entries(pages)) {
		mkdirSync(dirname(join(cwd, 'dist', path)), { recursive: true });
		writeFileSync(join(cwd, 'dist', path), html);
	}
	return cwd;
}

async function check(cwd: string, args: string[] = [], env: Record<string, string> = {}) {
	const logger = memoryLogger();
	const fx = { logger, diffLogger: logger, env, cwd, now: () => 0, stdout: () => {}, astroBuild: async () => 0 } satisfies MainEffects;
	const code = await main(['check', ...args], fx);
	return { code, text: logger.lines.map((l) => l.message).join('\n') };
}

describe('mlpages check', () => {
	const good = {
		'index.html': '<a href="/runs/a/">run</a><link rel="icon" href="/favicon.svg"><a href="https://mlflow.org/">out</a>',
		'runs/a/index.html': '<a href="../../">home</a><img src="/runs/a/thumb.webp" alt="">',
		'runs/a/thumb.webp': 'x',
		'favicon.svg': '<svg/>',
	};

	it('passes a site whose links all lead to files, counts them, and says its size', async () => {
		const cwd = site(good);
		const { code, text } = await check(cwd);
		expect(code).toBe(0);
		expect(text).toContain('Secret scan: nothing found in dist/.');
		expect(text).toContain('Links: all 4 internal links lead to a file under /.');
		expect(text).toContain(describeSiteSize(measureSite(join(cwd, 'dist'))));
	});

	it("warns when the site exceeds the limits of the CI job's host, and still passes", async () => {
		const cwd = site(good);
		// Sparse: 101 MB as the host counts it, no disk used.
		writeFileSync(join(cwd, 'dist', 'big.bin'), '');
		truncateSync(join(cwd, 'dist', 'big.bin'), 101 * 1024 * 1024);
		const { code, text } = await check(cwd, [], { CI_SERVER_HOST: 'gitlab.example.com' });
		expect(code).toBe(0);
		expect(text).toContain(siteOverHostLimit('dist/', '101 MB', '100 MB per site', hostLimits(undefined, { CI_SERVER_HOST: 'gitlab.example.com' })!));
	});

	it('fails on a broken link, naming the page and the link, with exit status 1', async () => {
		const { code, text } = await check(site({ ...good, 'runs/a/index.html': '<a href="/runs/b/">gone</a>' }));
		expect(code).toBe(1);
		expect(text).toContain(LinksBroken.title);
		expect(text).toContain('- runs/a/index.html → /runs/b/');
	});

	it('checks under the base path the site is served at: --base, else BASE_PATH, else GitLab Pages', async () => {
		const nested = { 'index.html': '<a href="/group/project/runs/a/">run</a>', 'runs/a/index.html': '<p>run</p>' };
		expect((await check(site(nested))).code).toBe(1);
		expect((await check(site(nested), ['--base', '/group/project/'])).code).toBe(0);
		expect((await check(site(nested), [], { BASE_PATH: '/group/project' })).code).toBe(0);
		expect((await check(site(nested), [], { CI_PAGES_URL: 'https://group.gitlab.io/group/project' })).code).toBe(0);
	});

	it('fails when the site holds the tracking token, without printing it', async () => {
		const token = 'glpat-AAAAAAAAAAAAAAAAAAAA';
		const { code, text } = await check(site({ ...good, 'runs/a/index.html': `<p>${token}</p>` }), [], { MLFLOW_TRACKING_TOKEN: token });
		expect(code).toBe(1);
		expect(text).toContain('runs/a/index.html:1: tracking-token');
		expect(text).not.toContain(token);
	});

	it("--preview refuses to publish unless GitLab gave the job the merge request's own address", async () => {
		const mr = { CI_MERGE_REQUEST_IID: '7' };
		const at = (url: string) => check(site({ 'index.html': '<p>ok</p>' }), ['--preview', '--base', '/'], { ...mr, CI_PAGES_URL: url });
		expect((await at('https://group.gitlab.io/project/mr-7')).code).toBe(0);
		expect((await at('https://group.gitlab.io/project/mr-7/')).code).toBe(0);
		const refused = await at('https://group.gitlab.io/project');
		expect(refused.code).toBe(1);
		expect(refused.text).toContain(PreviewAddressMissing.message(previewAddressProblem({ ...mr, CI_PAGES_URL: 'https://group.gitlab.io/project' })!));
		expect(refused.text).toContain('MLPAGES_PREVIEWS=false');
		expect((await at('https://group.gitlab.io/project/mr-77')).code).toBe(1);
		expect(previewAddressProblem({})).toMatch(/not a merge request's preview job/);
	});
});
