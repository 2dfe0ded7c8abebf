import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { historyIsSeries } from '../../src/components/run/history-file.ts';
import { withSeriesDigest } from '../../src/export/export-run.ts';

const content = mkdtempSync(join(tmpdir(), 'mlpages-history-file-'));
afterAll(() => rmSync(content, { recursive: true, force: true }));
mkdirSync(join(content, 'series'));
mkdirSync(join(content, 'histories'));
const write = (id: string, series: string, history: string) => {
	writeFileSync(join(content, 'series', `${id}.json`), series);
	writeFileSync(join(content, 'histories', `${id}.json`), history);
};
const body = (values: number[]) => `{\n  "maxPoints": 2,\n  "metrics": {"loss": {"step": [${values.map((_, i) => i)}], "timestamp": [${values.map(() => 0)}], "value": [${values}]}},\n  "runId": "r"\n}`;

describe('historyIsSeries', () => {
	it('is true when the exporter wrote the series text as the history (nothing downsampled)', () => {
		const series = withSeriesDigest(body([0.5, 0.25]));
		write('same', series, series);
		expect(historyIsSeries(content, 'same')).toBe(true);
	});

	it('is false for a downsampled history, which has no digest, also when it happens to have the same size', () => {
		const series = withSeriesDigest(body([0.5, 0.25]));
		write('downsampled', series, body([0.5, 0.4, 0.3, 0.25]));
		expect(historyIsSeries(content, 'downsampled')).toBe(false);
		const sameSize = body([0.5, 0.25]).padEnd(series.length, ' ');
		expect(sameSize.length).toBe(series.length);
		write('same-size', series, sameSize);
		expect(historyIsSeries(content, 'same-size')).toBe(false);
	});

	it('compares the whole files of a snapshot whose series have no digest', () => {
		write('old', body([1, 2]), body([1, 2]));
		expect(historyIsSeries(content, 'old')).toBe(true);
		write('old-other', body([1, 2]), body([1, 3]));
		expect(historyIsSeries(content, 'old-other')).toBe(false);
	});
});
