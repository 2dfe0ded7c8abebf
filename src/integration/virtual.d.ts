declare module 'virtual:mlpages/config' {
	/** The validated mlpages options; `contentDir` is absolute. */
	const config: import('./resolved-config.ts').ResolvedMlpagesConfig;
	export default config;
}
