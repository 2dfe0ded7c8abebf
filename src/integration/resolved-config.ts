import type { MlpagesConfig } from '../schemas/config.ts';

/**
 * The mlpages configuration after validation, with `contentDir` an absolute path and `runPages`
 * decided for this build (runPagesMode: `auto` resolved against the snapshot's run count,
 * `MLPAGES_RUN_PAGES` applied), with the reason the build logs.
 */
export type ResolvedMlpagesConfig = Omit<MlpagesConfig, 'runPages'> & { runPages: 'static' | 'shell'; runPagesReason: string };

/** Source of `virtual:mlpages/config`: the resolved configuration as a JSON default export. */
export function resolvedConfigModule(config: ResolvedMlpagesConfig): string {
	return `export default ${JSON.stringify(config)};\n`;
}
