import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanReportRefs } from '../../src/lib/scan-report-refs.ts';
import { EXAMPLE_SITE } from '../support/example-site.ts';

const source = readFileSync(join(EXAMPLE_SITE, 'content/reports/penguins-sweep.mdx'), 'utf8');

/**
 * The prose of an MDX report as a reader sees it typed: front matter, component tags (with their
 * attributes, over several lines), code spans and link targets removed.
 */
function prose(mdx: string): string {
	return mdx
		.replace(/^---\n[\s\S]*?\n---\n/, '')
		.replace(/<[A-Z][A-Za-z]*(?:"[^"]*"|'[^']*'|\{[^}]*\}|[^>"'{])*\/?>/g, ' ')
		.replace(/`[^`\n]*`/g, ' ')
		.replace(/\]\([^)]*\)/g, ']');
}

/** A number standing alone in text (not part of a name such as L2 or h32), with what follows it. */
const NUMBER = /(?<![\w.\-])\d+(?:[.,]\d+)*(?![\w\-])/g;

/** Each number typed in the prose, with the words before it. */
function typedNumbers(mdx: string): string[] {
	const text = prose(mdx);
	// A model version is named by its number ("version 3"): an identifier, not a measured value.
	return [...text.matchAll(NUMBER)]
		.filter((m) => !/version\s+$/i.test(text.slice(0, m.index)))
		.map((m) => `${text.slice(Math.max(0, m.index - 20), m.index).replace(/\s+/g, ' ')}${m[0]}`);
}

describe('the example report', () => {
	it('states no number by hand: each one is a <Value> read from the snapshot', () => {
		expect(typedNumbers(source)).toEqual([]);
	});

	it('uses <Value> for metrics, params, deltas and aggregates, with a source for each', () => {
		const values = scanReportRefs(source).filter((a) => a.component === 'Value');
		const attributes = new Set(values.map((a) => a.attribute));
		for (const attribute of ['run', 'metric', 'param', 'from', 'to', 'experiment', 'filter', 'agg', 'stat', 'percent']) {
			expect(attributes, attribute).toContain(attribute);
		}
	});

	it('the check above catches a hand-typed value', () => {
		const typed = `${source}\nThe loss fell to 0.021 at step 35 of version 3.\n`;
		expect(typedNumbers(typed).map((t) => t.split(' ').at(-1))).toEqual(['0.021', '35']);
	});
});
