/**
 * Filters a run's params table as the reader types: a row stays when its name or value contains
 * the text (case-insensitive). Progressive enhancement: the filter input is `hidden` in the HTML
 * and shown here, so without JavaScript the full table is all there is.
 *
 * Markup: `[data-params-filter]` holding `.params-filter[hidden]` (input, output) and a table.
 */
export function enhanceParamsFilter(root: Element): void {
	const bar = root.querySelector<HTMLElement>('.params-filter');
	const input = bar?.querySelector('input');
	const output = bar?.querySelector('output');
	const rows = [...root.querySelectorAll<HTMLTableRowElement>('tbody tr')];
	if (!bar || !input) return;
	const texts = rows.map((row) => (row.textContent ?? '').toLowerCase());
	bar.hidden = false;
	input.addEventListener('input', () => {
		const query = input.value.trim().toLowerCase();
		let shown = 0;
		rows.forEach((row, i) => {
			const match = query === '' || texts[i]!.includes(query);
			row.hidden = !match;
			if (match) shown++;
		});
		if (output) output.textContent = query === '' ? '' : `${shown} of ${rows.length} params`;
	});
}

for (const root of document.querySelectorAll('[data-params-filter]')) enhanceParamsFilter(root);
