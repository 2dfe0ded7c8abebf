/**
 * The result table of `npm run bench`: one row per target of issue 8, PASS or MISS, printed and
 * written into BENCHMARKS.md as the section of its store size (other sizes' sections are kept).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface TargetRow {
	/** Goal number of ../shared/reference/performance.md §7 and a short name. */
	goal: string;
	/** The figure as measured, e.g. `1.42× (12.3 s / 8.7 s)`. */
	measured: string;
	target: string;
	pass: boolean;
}

export interface InfoRow {
	figure: string;
	value: string;
}

export function targetTable(rows: readonly TargetRow[]): string[] {
	return ['| Goal | Measured | Target | Result |', '|---|---|---|---|', ...rows.map((r) => `| ${r.goal} | ${r.measured} | ${r.target} | ${r.pass ? 'PASS' : '**MISS**'} |`)];
}

export function infoTable(rows: readonly InfoRow[]): string[] {
	return ['| Figure | Value |', '|---|---|', ...rows.map((r) => `| ${r.figure} | ${r.value} |`)];
}

const begin = (key: string) => `<!-- bench:${key}:begin -->`;
const end = (key: string) => `<!-- bench:${key}:end -->`;

/**
 * Replaces the section `key` of `file` (between its markers) with `lines`, appending it when
 * absent; creates the file from `header` when missing. Sections are kept in `order`.
 */
export function writeSection(file: string, header: string, key: string, lines: readonly string[], order: readonly string[]): void {
	const text = existsSync(file) ? readFileSync(file, 'utf8') : `${header}\n`;
	const sections = new Map<string, string>();
	let head = text;
	const pattern = /<!-- bench:([\w-]+):begin -->[\s\S]*?<!-- bench:\1:end -->\n?/g;
	for (const m of text.matchAll(pattern)) sections.set(m[1]!, m[0].trimEnd());
	head = text.replace(pattern, '').trimEnd();
	sections.set(key, [begin(key), ...lines, end(key)].join('\n'));
	const keys = [...sections.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
	writeFileSync(file, `${head}\n\n${keys.map((k) => sections.get(k)).join('\n\n')}\n`);
}
