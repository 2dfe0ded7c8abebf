/**
 * The mlpages package: `import mlpages from 'mlpages'` is the Astro integration
 * (`integrations: [mlpages(config)]`); the types describe `mlpages.config.mjs`.
 */
export { mlpages as default, mlpages } from './integration/mlpages.ts';
export type { MlpagesConfig, MlpagesConfigInput } from './schemas/config.ts';
export type { ResolvedMlpagesConfig } from './integration/resolved-config.ts';
