import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runShellRecord, type RunShellContext } from '../../src/lib/run-shell-record.ts';
import { RunShellRecordSchema } from '../../src/schemas/run-shell.ts';
import { makeRun, summary } from './run-factory.ts';

const contentDir = mkdtempSync(join(tmpdir(), 'mlpages-shell-record-'));
afterAll(() => rmSync(contentDir, { recursive: true, force: true }));

const context = (extra: Partial<RunShellContext> = {}): RunShellContext => ({
	experiment: { name: 'sweep', slug: 'sweep' },
	parent: null,
	children: [],
	modelVersions: [],
	datasetSourceType: () => 'local',
	artifacts: [],
	directions: {},
	primary: 'val_loss',
	contentDir,
	...extra,
});

describe('runShellRecord', () => {
	it('holds what the run page shows, decided at build time, and leaves empty parts out', () => {
		const run = makeRun({
			id: 'abc',
			name: 'trial-1',
			user: 'ana',
			parentRunId: 'p1',
			params: { lr: '0.1', a: '1' },
			tags: { team: 'x', 'mlflow.source.name': 'train.py' },
			metrics: { val_loss: summary(0.25, { minStep: 3, maxStep: 0 }), acc: summary(0.9, { minStep: 1, maxStep: 7 }) },
		});
		const record = RunShellRecordSchema.parse(runShellRecord(run, context()));
		expect(record).toMatchObject({ name: 'trial-1', status: 'FINISHED', user: 'ana', experiment: ['sweep', 'sweep'], source: 'train.py', parent: ['p1'], primary: 'val_loss' });
		expect(record.params).toEqual([['a', '1'], ['lr', '0.1']]);
		// Best step by direction: lower for a loss, higher for accuracy.
		expect(record.metrics!.map((m) => [m[0], m[4], m[8]])).toEqual([['acc', 7, 'h'], ['val_loss', 3, 'l']]);
		for (const key of ['description', 'children', 'datasets', 'artifacts', 'models', 'history', 'commit', 'links']) expect(record).not.toHaveProperty(key);
	});

	it('renders the description through the sanitiser: no raw HTML, no script', () => {
		const run = makeRun({ id: 'abc', description: '# Notes\n\n**bold** <script>alert(1)</script> <img src=x onerror=alert(1)>' });
		const html = runShellRecord(run, context()).description!;
		expect(html).toContain('<h2>Notes</h2>');
		expect(html).toContain('<strong>bold</strong>');
		expect(html).not.toMatch(/<script|<img|onerror/);
	});

	it('links the history file, or says `series` when it is the same bytes as the series (the page already has them)', () => {
		mkdirSync(join(contentDir, 'histories'), { recursive: true });
		mkdirSync(join(contentDir, 'series'), { recursive: true });
		writeFileSync(join(contentDir, 'histories', 'h1.json'), '{"a":1}');
		writeFileSync(join(contentDir, 'series', 'h1.json'), '{"a":1}');
		writeFileSync(join(contentDir, 'histories', 'h2.json'), '{"a":1,"b":2}');
		writeFileSync(join(contentDir, 'series', 'h2.json'), '{"a":1}');
		expect(runShellRecord(makeRun({ id: 'h1' }), context()).history).toBe('series');
		expect(runShellRecord(makeRun({ id: 'h2' }), context()).history).toBe('runs/h2/history.json');
	});
});
