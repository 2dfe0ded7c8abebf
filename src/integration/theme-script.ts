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
export const THEME_SCRIPT = `(function(){
var K=${JSON.stringify(THEME_STORAGE_KEY)},d=document.documentElement,m=matchMedia('(prefers-color-scheme: dark)');
var sys=function(){return m.matches?'dark':'light'};
var read=function(){try{return localStorage.getItem(K)}catch(e){return null}};
var t=read();if(t==='light'||t==='dark')d.dataset.theme=t;
document.addEventListener('DOMContentLoaded',function(){
var s=document.getElementById('theme-switch');if(!s)return;
var c=read();s.checked=(c==='light'||c==='dark')&&c!==sys();
s.addEventListener('change',function(){
var want=s.checked?(sys()==='dark'?'light':'dark'):sys();d.dataset.theme=want;
try{if(s.checked)localStorage.setItem(K,want);else localStorage.removeItem(K)}catch(e){}
});
});
})();`;
