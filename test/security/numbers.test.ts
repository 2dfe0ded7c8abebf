/**
 * §4.4 of the security reference: NaN, ±infinity (as MLflow's SQL stores write it), 1e308, -0,
 * 5e-324 and an 18-digit experiment id survive the export exactly and display sensibly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMetricValue } from '../../src/export/parse-metric-value.ts';
import { formatMetric } from '../../src/lib/format-metric.ts';
import { fromMetricValue, toMetricValue } from '../../src/schemas/metric-value.ts';
import { HOSTILE_EXPERIMENT, hostileRunId } from '../fixtures/hostile/make-hostile-store.ts';
import { hostileSite } from './hostile-site.ts';

let site: Awaited<ReturnType<typeof hostileSite>>;
const readJson = (path: string) => JSON.parse(readFileSync(join(site.content, path), 'utf8'));
beforeAll(async () => {
	site = await hostileSite();
});

describe('experiment ids above 2^53 (#47)', () => {
	it('exports an 18-digit SQLite experiment id as its exact decimal string', () => {
		const exp = readJson(`experiments/${HOSTILE_EXPERIMENT}.json`);
		expect(exp.id).toBe('486163297002617079');
		expect(String(Number(exp.id))).not.toBe(exp.id);
	});

	it('keeps the id exact in its runs and in the snapshot text', () => {
		expect(readJson(`runs/${hostileRunId(0)}.json`).experimentId).toBe(HOSTILE_EXPERIMENT);
		const text = readFileSync(join(site.content, `runs/${hostileRunId(0)}.json`), 'utf8');
		expect(text).toContain('"experimentId": "486163297002617079"');
		expect(text).not.toContain('486163297002617100');
	});

	it('exports the runs, tags and notes of that experiment', () => {
		const exp = readJson(`experiments/${HOSTILE_EXPERIMENT}.json`);
		expect(exp.runCount).toBe(10);
		expect(exp.description).toContain('Notes');
	});
});

describe('metric values (#51-#54)', () => {
	const summary = () => readJson(`runs/${hostileRunId(0)}.json`).metrics.loss;
	const history = () => readJson(`histories/${hostileRunId(0)}.json`);

	it('maps SQLite ±1.7976931348623157e308 and is_nan back to non-finite values, counted, not plotted (#53)', () => {
		expect(summary()).toMatchObject({ count: 8, nonFiniteCount: 3, last: 'NaN', max: 1e308, min: 0 });
		const text = JSON.stringify(history());
		expect(text).not.toContain('1.7976931348623157e+308');
		expect(history().metrics.loss.value).toEqual([0.5, 1e308, 0, 5e-324, 0.25]);
	});

	it('keeps 1e308 and 5e-324 as finite numbers, and writes -0 as 0 (#54)', () => {
		const text = readFileSync(join(site.content, `histories/${hostileRunId(0)}.json`), 'utf8');
		expect(text).toMatch(/\b1e\+308\b/);
		expect(text).toMatch(/\b5e-324\b/);
		expect(text).not.toMatch(/-0[,\n\]]/);
		expect(Object.is(toMetricValue(-0), 0)).toBe(true);
	});

	it('summarises the last value NaN as the string "NaN", never null', () => {
		expect(summary().last).toBe('NaN');
		expect(fromMetricValue(summary().last)).toBeNaN();
	});

	it('reads the file store words inf, -inf and nan as Python does (#51)', () => {
		expect(parseMetricValue('inf')).toBe(Infinity);
		expect(parseMetricValue('-inf')).toBe(-Infinity);
		expect(parseMetricValue('nan')).toBeNaN();
		expect(parseMetricValue('1e308')).toBe(1e308);
	});

	it('displays non-finite values as symbols and -0 as 0', () => {
		expect(formatMetric('Infinity')).toMatch(/∞/);
		expect(formatMetric('-Infinity')).toMatch(/−∞|-∞/);
		expect(formatMetric('NaN')).toBe('NaN');
		expect(formatMetric(-0)).toBe('0');
		expect(formatMetric(1e308)).toBe('1e308');
	});

	it('shows the non-finite count on the run page instead of plotting 1.8e308', () => {
		const html = site.read(`runs/${hostileRunId(0)}/index.html`);
		expect(html).toContain('3 non-finite');
		expect(html).not.toContain('1.797');
	});
});
