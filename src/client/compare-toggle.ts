import { MAX_COMPARE } from '../lib/compare-state.ts';
import { browserStorage, readSelection, SELECTION_KEY, toggleSelection } from '../lib/compare-selection.ts';

/**
 * `<compare-toggle data-run="<id>" hidden>`: "Add to compare" on a run page. It adds the run to
 * the selection kept in localStorage (compare-selection.ts) or removes it, and links to the
 * compare page with the selection. Markup: a `<button data-toggle>` and an `<a data-open>` whose
 * href is the compare page; the element stays hidden without script, since nothing works then.
 */
class CompareToggle extends HTMLElement {
	connectedCallback() {
		const button = this.querySelector<HTMLButtonElement>('[data-toggle]');
		const open = this.querySelector<HTMLAnchorElement>('[data-open]');
		const id = this.dataset['run'];
		if (!button || !open || !id) return;
		const storage = browserStorage();
		const page = open.getAttribute('href') ?? '';
		const show = () => {
			const ids = readSelection(storage);
			const selected = ids.includes(id);
			button.textContent = selected ? 'Remove from compare' : 'Add to compare';
			button.setAttribute('aria-pressed', String(selected));
			button.disabled = !selected && ids.length >= MAX_COMPARE;
			button.title = button.disabled ? `At most ${MAX_COMPARE} runs are compared at once.` : '';
			open.hidden = ids.length === 0;
			open.href = `${page}?runs=${ids.map(encodeURIComponent).join(',')}`;
			open.textContent = `Compare ${ids.length} run${ids.length === 1 ? '' : 's'} →`;
		};
		button.addEventListener('click', () => {
			toggleSelection(storage, id);
			show();
		});
		// Another tab changed the selection.
		window.addEventListener('storage', (event) => event.key === SELECTION_KEY && show());
		show();
		this.hidden = false;
	}
}

if (!customElements.get('compare-toggle')) customElements.define('compare-toggle', CompareToggle);
