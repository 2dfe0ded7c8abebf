/**
 * The Content-Security-Policy directives of every page, given to Astro's `security.csp`, which
 * adds the hashes of the bundled scripts and styles. Nothing loads from another origin; the search
 * page adds `'wasm-unsafe-eval'` for Pagefind in its own head. A project that sets its own
 * `security.csp` in astro.config.mjs keeps it instead.
 */
export const SITE_CSP_DIRECTIVES = [
	"default-src 'none'",
	"img-src 'self' data:",
	"connect-src 'self'",
	"font-src 'self'",
	"base-uri 'none'",
	"form-action 'none'",
	"object-src 'none'",
] as const;
