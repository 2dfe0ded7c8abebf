import { describe, expect, it } from 'vitest';
import { roundSvgCoordinates } from '../../src/charts/render-svg.ts';
import { emaColumn, runMetricSpec } from '../../src/charts/metric-history.ts';
import { artifactKind, isSafeArtifactPath, servedArtifactPath } from '../../src/components/run/artifact-kind.ts';
import { repositoryWebUrl, sourceLinks } from '../../src/components/run/source-links.ts';
import { sparklinePoints, thinOut } from '../../src/components/run/sparkline.ts';
import { compile } from 'vega-lite';

describe('repositoryWebUrl', () => {
	it.each([
		['https://user:token@gitlab.com/group/sub/project.git', 'https://gitlab.com/group/sub/project'],
		['git@github.com:owner/repo.git', 'https://github.com/owner/repo'],
		['ssh://git@gitlab.example.com:2222/g/p.git', 'https://gitlab.example.com/g/p'],
		['https://gitlab.example.com:8443/g/p/', 'https://gitlab.example.com:8443/g/p'],
		['/home/me/repo', null],
		['javascript:alert(1)', null],
		['file:///srv/repo.git', null],
	])('%s → %s', (input, expected) => expect(repositoryWebUrl(input)).toBe(expected));
});

describe('sourceLinks', () => {
	it('uses GitHub commit URLs on github.com and no GitLab CI links there', () => {
		const links = sourceLinks({
			'mlflow.source.git.repoURL': 'https://github.com/o/r.git',
			'mlflow.source.git.commit': 'abcdef1234567',
			'gitlab.CI_JOB_ID': '1',
		});
		expect(links).toEqual([{ label: 'Git commit', text: 'abcdef123456', href: 'https://github.com/o/r/commit/abcdef1234567' }]);
	});
	it('ignores a non-hex commit and non-numeric CI ids', () => {
		const links = sourceLinks({
			'mlflow.source.git.repoURL': 'https://gitlab.com/g/p',
			'mlflow.source.git.commit': '../../x',
			'gitlab.CI_JOB_ID': '1/../../admin',
			'gitlab.CI_PIPELINE_ID': '9',
		});
		expect(links).toEqual([{ label: 'CI pipeline', text: '#9', href: 'https://gitlab.com/g/p/-/pipelines/9' }]);
	});
});

describe('artifacts', () => {
	it('serves active content as .txt downloads', () => {
		expect(artifactKind('a/report.HTML')).toBe('download-only');
		expect(servedArtifactPath('x.svg')).toMatch(/^[0-9a-f]{16}-x\.txt$/);
		expect(artifactKind('model/MLmodel')).toBe('text');
		expect(artifactKind('plots/roc.png')).toBe('image');
		expect(servedArtifactPath('plots/roc.png')).toMatch(/^[0-9a-f]{16}-roc\.png$/);
	});
	it('refuses unsafe paths', () => {
		for (const p of ['../x', 'a//b', 'a/./b', 'a\\b', '', 'a/..']) expect(isSafeArtifactPath(p), p).toBe(false);
		expect(isSafeArtifactPath('a/b.txt')).toBe(true);
	});
});

describe('sparkline', () => {
	it('draws finite values inside the box', () => {
		expect(sparklinePoints([1, 2, 3], 80, 20)).toBe('0,19 40,10 80,1');
		expect(sparklinePoints([5])).toBe('');
		expect(thinOut([...Array(1000).keys()])).toHaveLength(40);
	});
});

describe('roundSvgCoordinates', () => {
	it('rounds numbers in d, transform and points only, never merging two numbers', () => {
		const svg = '<path d="M1.23456,2.5L3.14159.99999Z" transform="translate(0.125,-0.0001)"/><text x="1.23456">1.23456</text>';
		expect(roundSvgCoordinates(svg)).toBe(
			'<path d="M1.23,2.5L3.14 1Z" transform="translate(0.13,0)"/><text x="1.23456">1.23456</text>',
		);
	});
});

describe('runMetricSpec', () => {
	const series = { step: [0, 1, 2, 3], timestamp: [1000, 2000, 4000, 8000], value: [1, 0.5, 0.25, 0.125] };
	it.each([
		{ x: 'step' as const },
		{ x: 'time' as const },
		{ x: 'relative' as const, smoothing: 0.6 },
		{ x: 'step' as const, logY: true },
	])('compiles without a warning: %j', (options) => {
		const warnings: string[] = [];
		const logger = { level: () => logger, error: () => logger, info: () => logger, debug: () => logger, warn: (...m: unknown[]) => (warnings.push(m.join(' ')), logger) };
		compile(runMetricSpec({ metric: 'val.loss[0]', series, ...options }), { logger: logger as never });
		expect(warnings).toEqual([]);
	});
	it('keeps the metric key out of field names', () => {
		expect(JSON.stringify(runMetricSpec({ metric: 'datum.x', series }))).not.toMatch(/"field":"datum/);
	});
	it('smooths with debiasing, so the first value stays', () => {
		expect(emaColumn([2, 2, 2], 0.9)).toEqual([2, 2, 2].map((v) => expect.closeTo(v, 10)));
	});
});
