import { describe, expect, it } from 'vitest';
import { siteLocation } from '../../src/integration/site-location.ts';

const ROOT_BASE = { base: '/' };

describe('siteLocation', () => {
	it('leaves site and base alone outside CI when nothing is set', () => {
		expect(siteLocation({}, ROOT_BASE)).toEqual({ site: undefined, base: undefined, notes: [] });
	});

	it('takes SITE and BASE_PATH, with the slashes Astro wants', () => {
		const l = siteLocation({ SITE: 'https://example.org', BASE_PATH: 'team/site' }, ROOT_BASE);
		expect([l.site, l.base]).toEqual(['https://example.org', '/team/site/']);
	});

	it("derives both from GitLab's CI_PAGES_URL: origin and project path", () => {
		const l = siteLocation({ CI_PAGES_URL: 'https://group.gitlab.io/project' }, ROOT_BASE);
		expect([l.site, l.base]).toEqual(['https://group.gitlab.io', '/project/']);
		expect(l.notes).toEqual(['Publishing at https://group.gitlab.io/project/ (from CI_PAGES_URL).']);
	});

	it('serves a unique-domain site at /', () => {
		const l = siteLocation({ CI_PAGES_URL: 'https://project-a1b2c3.gitlab.io' }, ROOT_BASE);
		expect([l.site, l.base]).toEqual(['https://project-a1b2c3.gitlab.io', '/']);
	});

	it("adds a preview's PAGES_PREFIX when GitLab left it out of CI_PAGES_URL, and only then", () => {
		expect(siteLocation({ CI_PAGES_URL: 'https://group.gitlab.io/project', PAGES_PREFIX: 'mr-7' }, ROOT_BASE).base).toBe('/project/mr-7/');
		expect(siteLocation({ CI_PAGES_URL: 'https://group.gitlab.io/project/mr-7', PAGES_PREFIX: 'mr-7' }, ROOT_BASE).base).toBe('/project/mr-7/');
	});

	it("keeps a site and base set in the project's Astro config over CI_PAGES_URL, but not over SITE and BASE_PATH", () => {
		const own = { site: 'https://models.example.org', base: '/ml/' };
		expect(siteLocation({ CI_PAGES_URL: 'https://group.gitlab.io/project' }, own)).toMatchObject({ site: undefined, base: undefined });
		expect(siteLocation({ CI_PAGES_URL: 'https://group.gitlab.io/project', BASE_PATH: '/x/' }, own).base).toBe('/x/');
	});
});
