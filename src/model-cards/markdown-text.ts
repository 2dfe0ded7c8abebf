/**
 * Escapes text for Markdown inline context (table cells, list items): Markdown punctuation
 * gets a backslash, `<`, `>` and `&` become entities, and line breaks become spaces, so a
 * value can never open a tag, a link or a new table row.
 */
export function markdownText(text: string): string {
	return text
		.replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Inline code that holds any text: a fence longer than the longest run of backticks inside. */
export function markdownCode(text: string): string {
	const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((s) => s.length));
	const fence = '`'.repeat(longest + 1);
	const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${text.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

/** A Markdown table; every cell is escaped with markdownText. */
export function markdownTable(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.map(markdownText).join(' | ')} |`;
	return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

const SAFE_SCHEME = /^(https?|mailto)$/i;

/**
 * Makes Markdown from the registry (written by anyone with write access to the tracking server)
 * inert for a downloaded README: `&` and `<` become entities, so no raw HTML, autolink or entity
 * trick survives, and link destinations with a scheme other than http, https or mailto become `#`.
 * Markdown formatting (emphasis, lists, links, code) is kept.
 */
export function inertMarkdown(markdown: string): string {
	const link = (prefix: string, scheme: string) => (SAFE_SCHEME.test(scheme) ? `${prefix}${scheme}:` : `${prefix}#`);
	return markdown
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/(\]\(\s*)([a-z][a-z0-9+.-]*):/gi, (_, prefix: string, scheme: string) => link(prefix, scheme))
		.replace(/^(\s{0,3}\[[^\]\n]+\]:\s*)([a-z][a-z0-9+.-]*):/gim, (_, prefix: string, scheme: string) => link(prefix, scheme));
}
