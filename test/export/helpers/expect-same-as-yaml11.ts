import { expect } from 'vitest';
import { parseDocument } from 'yaml';
import { parseFileStoreMeta } from '../../../src/export/file-store/file-store-yaml.ts';

/**
 * Asserts that parseFileStoreMeta reads every key of a meta.yaml as a full YAML 1.1 parse
 * (PyYAML's dialect, which MLflow writes) does, except that an unquoted integer beyond 2^53 (an
 * id) stays its exact text instead of becoming a rounded number. `file` names it in a failure.
 */
export function expectSameAsYaml11(text: string, file: string): void {
	const meta = parseFileStoreMeta(text);
	const expected = parseDocument(text, { version: '1.1' }).toJS() as Record<string, unknown>;
	for (const [key, value] of Object.entries(expected)) {
		if (typeof value === 'string') expect(meta.text(key), `${file} ${key}`).toBe(value);
		else if (typeof value === 'number' && !Number.isSafeInteger(value) && /^-?\d+$/.test(meta.text(key) ?? '')) {
			expect(meta.int(key), `${file} ${key}`).toBeNull();
		} else if (typeof value === 'number') expect(meta.int(key), `${file} ${key}`).toBe(value);
		else expect(meta.get(key), `${file} ${key}`).toEqual(value);
	}
}
