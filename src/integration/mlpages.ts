import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { ConfigInvalid } from '../errors.ts';
import { MlpagesConfigSchema, type MlpagesConfigInput } from '../schemas/config.ts';
import { resolvedConfigModule, type ResolvedMlpagesConfig } from './resolved-config.ts';
import { buildSearchIndex } from './search-index.ts';

const VIRTUAL_ID = 'virtual:mlpages/config';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/**
 * Validates the mlpages options once and resolves the snapshot folder: the environment variable
 * `MLPAGES_CONTENT_DIR` wins over `contentDir`, and relative paths are taken from the project root.
 * @throws AstroError (`MlpagesConfigInvalid`) listing each `**path**: problem`.
 */
export function resolveMlpagesConfig(
	options: MlpagesConfigInput,
	root: string,
	env: Record<string, string | undefined> = process.env,
): ResolvedMlpagesConfig {
	const parsed = MlpagesConfigSchema.safeParse(options);
	if (!parsed.success) {
		const problems = parsed.error.issues
			.map((issue) => `- **${issue.path.join('.') || '(root)'}**: ${issue.message}`)
			.join('\n');
		throw new AstroError(ConfigInvalid.message(problems), ConfigInvalid.hint);
	}
	const dir = env['MLPAGES_CONTENT_DIR'] || parsed.data.contentDir;
	return { ...parsed.data, contentDir: isAbsolute(dir) ? dir : resolve(root, dir) };
}

/**
 * The mlpages Astro integration: validates its options and serves them, resolved, to pages and
 * to `src/content.config.ts` as the module `virtual:mlpages/config`; after a build, indexes the
 * output for the /search/ page with Pagefind.
 */
export function mlpages(options: MlpagesConfigInput = {}): AstroIntegration {
	return {
		name: 'mlpages',
		hooks: {
			'astro:config:setup': ({ config, updateConfig, addWatchFile }) => {
				const resolved = resolveMlpagesConfig(options, fileURLToPath(config.root));
				addWatchFile(resolve(resolved.contentDir, 'manifest.json'));
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'mlpages:config',
								resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
								load: (id) => (id === RESOLVED_ID ? resolvedConfigModule(resolved) : undefined),
							},
						],
					},
				});
			},
			'astro:build:done': async ({ dir, logger }) => {
				const { pages, indexBytes } = await buildSearchIndex(fileURLToPath(dir));
				logger.info(`Indexed ${pages} pages for search into pagefind/ (${Math.round(indexBytes / 1024)} KB).`);
			},
		},
	};
}
