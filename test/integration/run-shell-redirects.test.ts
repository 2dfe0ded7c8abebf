import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GITLAB_REDIRECT_RULES, hasShellRedirect, shellRedirectRule, writeShellRedirects } from '../../src/integration/run-shell-redirects.ts';
import { redirectsConflict, redirectsNearLimit } from '../../src/messages.ts';

const temp = mkdtempSync(join(tmpdir(), 'mlpages-redirects-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let n = 0;
const site = (redirects?: string) => {
	const dir = mkdtempSync(join(temp, `site-${n++}-`));
	if (redirects !== undefined) writeFileSync(join(dir, '_redirects'), redirects);
	return dir;
};
const read = (dir: string) => readFileSync(join(dir, '_redirects'), 'utf8');

describe('writeShellRedirects', () => {
	it('writes one rule serving the shell at every run URL, under the base', () => {
		const dir = site();
		expect(writeShellRedirects(dir, '/group/project/')).toEqual([]);
		expect(read(dir)).toBe('/group/project/runs/* /group/project/runs/_/ 200\n');
		expect(hasShellRedirect(dir, '/group/project/')).toBe(true);
		expect(hasShellRedirect(dir, '/')).toBe(false);
	});

	it("keeps the project's own rules first and appends the shell's once, with the same bytes every time", () => {
		const own = '# moved\n/old/ /experiments/ 301\n/docs/* https://example.com/:splat 302';
		const dir = site(own);
		expect(writeShellRedirects(dir, '/')).toEqual([]);
		expect(read(dir)).toBe(`${own}\n${shellRedirectRule('/')}\n`);
		writeShellRedirects(dir, '/');
		expect(read(dir)).toBe(`${own}\n${shellRedirectRule('/')}\n`);
	});

	it("warns about a project's rule that matches run pages first", () => {
		const dir = site('/runs/old-id/ /runs/new-id/ 301\n');
		expect(writeShellRedirects(dir, '/')).toEqual([redirectsConflict('/runs/old-id/ /runs/new-id/ 301', shellRedirectRule('/'))]);
		expect(writeShellRedirects(site('/* /index.html 200\n'), '/')).toHaveLength(1);
	});

	it("warns when the file holds more rules than GitLab Pages reads", () => {
		const rules = Array.from({ length: GITLAB_REDIRECT_RULES }, (_, i) => `/a${i}/ /b${i}/ 301`).join('\n');
		expect(writeShellRedirects(site(rules), '/')).toEqual([redirectsNearLimit(GITLAB_REDIRECT_RULES + 1, GITLAB_REDIRECT_RULES)]);
	});
});
