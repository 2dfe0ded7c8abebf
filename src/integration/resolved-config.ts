import type { MlpagesConfig } from '../schemas/config.ts';

/** The mlpages configuration after validation, with `contentDir` an absolute path. */
export type ResolvedMlpagesConfig = MlpagesConfig;

/** Source of `virtual:mlpages/config`: the resolved configuration as a JSON default export. */
export function resolvedConfigModule(config: ResolvedMlpagesConfig): string {
	return `export default ${JSON.stringify(config)};\n`;
}
