import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportReferenceUnresolved } from '../../src/errors.ts';
import { buildSite, root, scratchDir } from './build-site.ts';

// A report whose line 11 names a run the snapshot does not have, next to a good reference.
const REPORT = [
	'---',
	'title: Broken',
	'description: A report with a typo.',
	'authors: [Tester]',
	'date: 2026-03-14',
	'---',
	'',
	'<MetricChart run="iris-classifier@champion" metric="val_accuracy" />',
	'',
	'<RunComparison',
	"\truns={['iris-classifier@challenger', 'sweep-lr-typo']}",
	'/>',
].join('\n');

const temp = scratchDir('mlpages-broken-report-');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('a report with a reference that does not resolve', () => {
	it('fails the build, naming the report file, the line and the reference', async () => {
		const content = join(temp, 'content');
		cpSync(join(root, 'test/fixtures/content/basic'), content, { recursive: true });
		mkdirSync(join(content, 'reports'));
		writeFileSync(join(content, 'reports/broken.mdx'), REPORT);
		const build = await buildSite({ contentDir: content, outDir: join(temp, 'dist'), cacheDir: join(temp, 'cache'), base: '/group/project/mr-7/' });
		expect(build.ok).toBe(false);
		const output = build.output.replace(/\x1b\[[0-9;]*m/g, '');
		expect(output).toMatch(/content\/reports\/broken\.mdx:11: the reference "sweep-lr-typo" does not resolve\. No run has the id or name "sweep-lr-typo"\./);
		expect(output).toContain(ReportReferenceUnresolved.hint);
	}, 300_000);

	it('names the front-matter line of an experiment or model that does not exist', async () => {
		const content = join(temp, 'content-front-matter');
		cpSync(join(root, 'test/fixtures/content/basic'), content, { recursive: true });
		mkdirSync(join(content, 'reports'));
		const report = REPORT.split('\n').slice(0, 6).join('\n').replace('date: 2026-03-14', 'date: 2026-03-14\nmodels: [iris-classifier@gold]');
		writeFileSync(join(content, 'reports/front.mdx'), `${report}\n\nText.\n`);
		const build = await buildSite({ contentDir: content, outDir: join(temp, 'dist-2'), cacheDir: join(temp, 'cache-2'), base: '/' });
		expect(build.ok).toBe(false);
		expect(build.output.replace(/\x1b\[[0-9;]*m/g, '')).toContain(
			'reports/front.mdx:6: the reference "iris-classifier@gold" does not resolve. Model "iris-classifier" has no alias "gold". Its aliases: "@challenger", "@champion".',
		);
	}, 300_000);

	// Issue 15, part 7: the failure is printed in the CI log, often public. It lists only the
	// nearest names, through the redaction rules: never a token found in an experiment name.
	it('lists no secret from an experiment name in the failure it prints', async () => {
		const content = join(temp, 'content-secret-name');
		cpSync(join(root, 'test/fixtures/content/basic'), content, { recursive: true });
		const token = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
		const experiment = JSON.parse(readFileSync(join(content, 'experiments/1.json'), 'utf8'));
		writeFileSync(join(content, 'experiments/3.json'), JSON.stringify({ ...experiment, id: '3', slug: 'penguins-deploy', name: `penguins deploy ${token}`, runCount: 0, tags: {}, description: null }));
		mkdirSync(join(content, 'reports'));
		const report = REPORT.split('\n').slice(0, 6).join('\n').replace('date: 2026-03-14', 'date: 2026-03-14\nexperiments: [penguins]');
		writeFileSync(join(content, 'reports/secret.mdx'), `${report}\n\nText.\n`);
		const build = await buildSite({ contentDir: content, outDir: join(temp, 'dist-3'), cacheDir: join(temp, 'cache-3'), base: '/' });
		expect(build.ok).toBe(false);
		const output = build.output.replace(/\x1b\[[0-9;]*m/g, '');
		expect(output).toContain('reports/secret.mdx:6: the reference "penguins" does not resolve. No experiment has the id, name or slug "penguins". Experiments: "<script>alert(1)</script>", "iris-sweep", "penguins deploy [redacted]".');
		expect(output).not.toContain(token);
	}, 300_000);
});
