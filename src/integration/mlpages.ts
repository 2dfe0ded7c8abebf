import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { ConfigInvalid } from '../errors.ts';
import { MlpagesConfigSchema, type MlpagesConfigInput } from '../schemas/config.ts';
import { resolvedConfigModule, type ResolvedMlpagesConfig } from './resolved-config.ts';
import { runFileResponse, writeRunFiles } from './run-files.ts';
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
 * to `src/content.config.ts` as the module `virtual:mlpages/config`; after a build, writes each run
 * page's data files (series, history JSON and CSV, see run-files.ts) and, at the same time,
 * indexes the output for the /search/ page with Pagefind. The dev server serves the same files.
 */
export function mlpages(options: MlpagesConfigInput = {}): AstroIntegration {
	let contentDir = '';
	let base = '/';
	return {
		name: 'mlpages',
		hooks: {
			'astro:config:setup': ({ config, updateConfig, addWatchFile }) => {
				const resolved = resolveMlpagesConfig(options, fileURLToPath(config.root));
				contentDir = resolved.contentDir;
				base = config.base.endsWith('/') ? config.base : `${config.base}/`;
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
			'astro:server:setup': ({ server }) => {
				server.middlewares.use((req, res, next) => {
					const path = (req.url ?? '').split('?')[0]!;
					if (!path.startsWith(base)) return next();
					try {
						const file = runFileResponse(contentDir, path.slice(base.length));
						if (!file) return next();
						res.setHeader('Content-Type', file.type);
						res.end(file.body);
					} catch (error) {
						next(error);
					}
				});
			},
			'astro:build:done': async ({ dir, logger }) => {
				// Pagefind indexes in its own process, reading only the HTML pages: the data files
				// are written meanwhile.
				const out = fileURLToPath(dir);
				const started = performance.now();
				const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
				const [runs, search] = await Promise.all([
					writeRunFiles(contentDir, out).then((n) => ({ n, time: seconds() })),
					buildSearchIndex(out).then((index) => ({ ...index, time: seconds() })),
				]);
				logger.info(`Wrote the series and history files of ${runs.n} runs in ${runs.time}.`);
				logger.info(`Indexed ${search.pages} pages for search into pagefind/ (${Math.round(search.indexBytes / 1024)} KB) in ${search.time}.`);
			},
		},
	};
}
