import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configProblems, knownKeys } from '../../src/schemas/config-problems.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { ROOT } from '../support/example-site.ts';

/** The problems of `input`, or null when it is valid. */
function problems(input: unknown): string | null {
	const parsed = MlpagesConfigSchema.safeParse(input);
	return parsed.success ? null : configProblems(parsed.error);
}

describe('a misspelled option fails with its path and a suggestion', () => {
	// One misspelling per top-level section, and the top level itself: none may be ignored.
	const cases: Array<[string, unknown, string]> = [
		['(top level)', { titel: 'x' }, '- **titel**: unknown option; did you mean title?'],
		['source', { sorce: 'mlruns' }, '- **sorce**: unknown option; did you mean source?'],
		['sources', { sources: [{ name: 'a', url: 'mlruns' }] }, '- **sources.0.url**: unknown option; did you mean sources.0.uri?'],
		['contentDir', { contentdir: 'content' }, '- **contentdir**: unknown option; did you mean contentDir?'],
		['publish', { publish: { optin: { tag: 'x' } } }, '- **publish.optin**: unknown option; did you mean publish.optIn?'],
		['publish.optIn', { publish: { optIn: { tg: 'x' } } }, '- **publish.optIn.tg**: unknown option; did you mean publish.optIn.tag?'],
		['publish.experiments', { publish: { experiments: { includes: ['a'] } } }, '- **publish.experiments.includes**: unknown option; did you mean publish.experiments.include?'],
		['publish.maxRunsPerExperiment', { publish: { maxRunsPerExperiment: { count: 5, metric: 'x' } } }, '- **publish.maxRunsPerExperiment.metric**: unknown option;'],
		['redact', { redcat: { keys: ['x'] } }, '- **redcat**: unknown option; did you mean redact?'],
		['redact.keys', { redact: { key: ['x'] } }, '- **redact.key**: unknown option; did you mean redact.keys?'],
		['charts', { charts: { maxPoint: 10 } }, '- **charts.maxPoint**: unknown option; did you mean charts.maxPoints?'],
		['metrics', { metrics: { directions: {} } }, '- **metrics.directions**: unknown option; did you mean metrics.direction?'],
		['diff', { diff: { threshold: {} } }, '- **diff.threshold**: unknown option; did you mean diff.thresholds?'],
		['diff.thresholds.<metric>', { diff: { thresholds: { val_loss: { maxWorseningPercent: 5 } } } }, '- **diff.thresholds.val_loss.maxWorseningPercent**: unknown option; did you mean diff.thresholds.val_loss.maxWorseningPct?'],
	];
	for (const [section, input, expected] of cases) {
		it(section, () => {
			expect(problems(input)).toContain(expected);
		});
	}

	it('lists the options of the section when nothing is close', () => {
		expect(problems({ charts: { colours: 'dark' } })).toBe('- **charts.colours**: unknown option; the options here are maxPoints, svgPerRun.');
	});

	it('keeps the messages of other problems, with their paths', () => {
		expect(problems({ charts: { maxPoints: 3 }, publish: { statuses: [] } })).toBe(
			[
				'- **publish.statuses**: List at least one status, or leave statuses out for all.',
				'- **charts.maxPoints**: Too small: expected number to be >=10',
			].join('\n'),
		);
	});

	it('accepts every option the README documents, with their documented shapes', () => {
		expect(
			problems({
				title: 't',
				source: 'mlruns',
				contentDir: 'content',
				publish: { experiments: { include: ['*'], exclude: [] }, includeDeleted: false, statuses: ['FINISHED'], optIn: { tag: 'mlpages.publish' }, maxRunsPerExperiment: { count: 5, by: 'val_loss' } },
				redact: { keys: ['*_dsn'], values: ['corp-[0-9a-f]{24}'], disable: false },
				charts: { maxPoints: 500 },
				metrics: { direction: { val_accuracy: 'higher' }, primary: { '*': 'val_loss' } },
				diff: { thresholds: { val_loss: { maxWorseningPct: 5 } } },
			}),
		).toBeNull();
	});
});

describe("README's Configure table", () => {
	const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('## Configure'), readme.indexOf('\n## ', readme.indexOf('## Configure') + 1));
	const documented = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);

	it('lists exactly the options of the schema: each top-level option, and each option of a section', () => {
		const expected = knownKeys(MlpagesConfigSchema, []).flatMap((key) => {
			const inner = knownKeys(MlpagesConfigSchema, [key]);
			return inner.length > 0 && key !== 'sources' ? inner.map((k) => `${key}.${k}`) : [key];
		});
		expect([...documented].sort()).toEqual([...expected].sort());
	});
});
