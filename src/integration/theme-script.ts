/** localStorage key of the reader's theme choice: `"light"` or `"dark"`; absent = follow the system. */
export const THEME_STORAGE_KEY = 'mlpages-theme';

/**
 * The theme script, injected into the head of every page (`injectScript('head-inline')`), so
 * Astro's CSP hashes it like the bundled scripts. It runs before the body is parsed: the stored
 * choice becomes `<html data-theme>` before anything is painted, so a page never flashes in the
 * other scheme. Once the header is parsed it sets the switch to match and stores each change.
 * The switch (#theme-switch) means "the scheme the system does not prefer": without this script
 * (or storage) it still works for the page it is on, through site.css alone.
 */
export const THEME_SCRIPT =
	`(()=>{const K=${JSON.stringify(THEME_STORAGE_KEY)},d=document.documentElement,m=matchMedia('(prefers-color-scheme: dark)'),` +
	// o(): the scheme the system does not prefer, the only one ever stored.
	`o=()=>m.matches?'light':'dark',g=()=>{try{return localStorage.getItem(K)}catch{return null}},t=g();` +
	`if(t==='light'||t==='dark')d.dataset.theme=t;` +
	`addEventListener('DOMContentLoaded',()=>{const s=document.getElementById('theme-switch');if(!s)return;s.checked=g()===o();` +
	`s.addEventListener('change',()=>{const c=s.checked;d.dataset.theme=c?o():m.matches?'dark':'light';` +
	`try{c?localStorage.setItem(K,o()):localStorage.removeItem(K)}catch{}})})})();`;
