import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseFileStoreMeta } from '../../../src/export/file-store/file-store-yaml.ts';
import type { FileStoreLayout } from '../../../scripts/demo/file-store-meta.ts';
import { writeQuirksStore } from '../../support/write-quirks-store.ts';
import { expectSameAsYaml11 } from '../helpers/expect-same-as-yaml11.ts';

const LAYOUTS: FileStoreLayout[] = ['1.x', '2.x', '3.x'];
const EDGE_CASES = join(import.meta.dirname, '../../fixtures/mlruns/edge-cases/mlruns');

describe('parseFileStoreMeta', () => {
	it('agrees with a full YAML 1.1 parse on every meta.yaml of the generated stores and the edge-case store', () => {
		const roots = [...LAYOUTS.map((layout) => writeQuirksStore({ file: layout }).path), EDGE_CASES];
		let files = 0;
		for (const root of roots) {
			for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('meta.yaml'))) {
				const text = readFileSync(join(root, file), 'utf8');
				// The edge-case store's broken metas are the subject of 'says why a file cannot be read'.
				if (parseDocument(text, { version: '1.1' }).errors.length > 0) continue;
				files++;
				expectSameAsYaml11(text, file);
			}
		}
		expect(files).toBeGreaterThan(60);
	});

	it('keeps ids exact: quoted, unquoted, and above 2^53', () => {
		const meta = parseFileStoreMeta("experiment_id: 853099972095872099\nrun_id: '60000000000000000000000000000007'\nold: 0\n");
		expect(meta.text('experiment_id')).toBe('853099972095872099');
		expect(meta.int('experiment_id')).toBeNull(); // not a safe integer
		expect(meta.text('run_id')).toBe('60000000000000000000000000000007');
		expect(meta.text('old')).toBe('0');
	});

	it('types plain scalars as PyYAML does, and quoted ones as strings', () => {
		const meta = parseFileStoreMeta(
			"a: null\nb: ~\nc:\nd: 'null'\ne: yes\nf: 'yes'\ng: 3\nh: '3'\ni: 'it''s'\nj: []\nk: {}\nl: 1e5\nm: 58d2e9512c9f4039a2a9204f600afdb8\nn: file:///C:/Users/A%20B/mlruns/0\n",
		);
		expect([meta.get('a'), meta.get('b'), meta.get('c')]).toEqual([null, null, null]);
		expect(meta.text('d')).toBe('null');
		expect(meta.get('e')).toBe(true);
		expect(meta.text('f')).toBe('yes');
		expect([meta.int('g'), meta.int('h'), meta.text('h')]).toEqual([3, 3, '3']);
		expect(meta.text('i')).toBe("it's");
		expect([meta.get('j'), meta.get('k')]).toEqual([[], {}]);
		expect(meta.text('l')).toBe('1e5'); // PyYAML's float needs a dot: a string
		expect(meta.text('m')).toBe('58d2e9512c9f4039a2a9204f600afdb8');
		expect(meta.text('n')).toBe('file:///C:/Users/A%20B/mlruns/0');
	});

	it('falls back to full parsing for nested maps, folded strings, floats, dates and CRLF', () => {
		const meta = parseFileStoreMeta(
			"schema: '{\"a\": 1,\r\n  \"b\": 2}'\r\ntags:\r\n  mlflow.data.context: train\r\nx: 1.5\r\nday: 2020-01-02\r\n",
		);
		expect(meta.text('schema')).toBe('{"a": 1, "b": 2}');
		expect(meta.map('tags')).toEqual({ 'mlflow.data.context': 'train' });
		expect(meta.get('x')).toBe(1.5);
		expect(meta.text('day')).toBe('2020-01-02');
		expect(parseFileStoreMeta('status: 3\r\nname: x\r\n').int('status')).toBe(3);
	});

	it('says why a file cannot be read', () => {
		expect(() => parseFileStoreMeta("run_id: 'abc")).toThrow(/^it is not valid YAML \(Missing closing 'quote\)$/);
		expect(() => parseFileStoreMeta('\0\u0001binary')).toThrow('it holds binary data, not YAML');
		expect(() => parseFileStoreMeta('')).toThrow('it is not a YAML mapping');
		expect(() => parseFileStoreMeta('- a\n- b\n')).toThrow('it is not a YAML mapping');
	});
});
