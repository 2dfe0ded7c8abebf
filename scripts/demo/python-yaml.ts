import { stringify } from 'yaml';

/**
 * YAML as MLflow writes it with PyYAML's `safe_dump(sort_keys=True, default_flow_style=False)`:
 * sorted keys, block style, and YAML 1.1 quoting, so strings such as `'0'`, `'yes'` or a
 * timestamp-like `'2026-03-02 09:00:00'` stay strings for PyYAML readers.
 */
export function pythonYaml(document: unknown): string {
	return stringify(document, {
		version: '1.1',
		sortMapEntries: true,
		singleQuote: true,
		lineWidth: 0,
	});
}
