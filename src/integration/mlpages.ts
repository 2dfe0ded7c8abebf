import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import mdx from '@astrojs/mdx';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import type { Rolldown } from 'vite';
import { ConfigInvalid, ContentConfigMissing, SecretsInSite, ShardInvalid } from '../errors.ts';
import { currentShard, type Shard } from '../lib/shard.ts';
import { configProblems } from '../schemas/config-problems.ts';
import { MlpagesConfigSchema, RunPagesSchema, type MlpagesConfigInput } from '../schemas/config.ts';
import { describeRunPagesMode, runPagesMode } from '../lib/run-pages-mode.ts';
import { snapshotRunCount } from './snapshot-run-count.ts';
import { describeHits, regularFiles } from '../security/secret-scan.ts';
import { startScanThread } from '../security/scan-thread.ts';
import { mlpagesCacheDir } from '../lib/cache-dir.ts';
import { FULL_BUILD_ENV, type PageReusePlan } from '../lib/page-reuse.ts';
import { contentConfigFile } from './content-config-file.ts';
import { resolvedConfigModule, type ResolvedMlpagesConfig } from './resolved-config.ts';
import { mlpagesRoutes } from './routes.ts';
import { hostLimits } from './host-limits.ts';
import { runFileResponse, writeRunFiles } from './run-files.ts';
import { shellRedirectRule, writeShellRedirects } from './run-shell-redirects.ts';
import { buildSearchIndex, searchPartsNote } from './search-index.ts';
import { finishShard } from './shard-output.ts';
import { finishPageCache, pageCacheFingerprint, pageKeysByPath, startPageCache } from './page-cache.ts';
import { SITE_CSP_DIRECTIVES } from './site-csp.ts';
import { renderWorkerCount } from '../charts/render-pool.ts';
import { siteLocation } from './site-location.ts';
import { THEME_SCRIPT } from './theme-script.ts';
import { siteSizeReport } from './site-size-report.ts';

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
		throw new AstroError(ConfigInvalid.message(configProblems(parsed.error), 'the options of mlpages()'), ConfigInvalid.hint);
	}
	const dir = env['MLPAGES_CONTENT_DIR'] || parsed.data.contentDir;
	const contentDir = isAbsolute(dir) ? dir : resolve(root, dir);
	const setting = RunPagesSchema.safeParse(env['MLPAGES_RUN_PAGES'] || parsed.data.runPages);
	if (!setting.success) {
		throw new AstroError(ConfigInvalid.message(`**MLPAGES_RUN_PAGES**: "${env['MLPAGES_RUN_PAGES']}" is not one of "auto", "static", "shell".`, 'the environment'), ConfigInvalid.hint);
	}
	const mode = runPagesMode(setting.data, snapshotRunCount(contentDir));
	return { ...parsed.data, contentDir, runPages: mode.mode, runPagesReason: mode.reason };
}

/**
 * The mlpages Astro integration (`integrations: [mlpages(options)]`). It brings the whole site:
 * - every page (`injectRoute`, see routes.ts), so a project has no `src/pages/`;
 * - MDX for reports (unless the project added `@astrojs/mdx` itself), Prism highlighting, the
 *   Content-Security-Policy, directory URLs with trailing slashes;
 * - `site` and `base` from `SITE` and `BASE_PATH`, or from GitLab CI's `CI_PAGES_URL`, when the
 *   project's Astro config leaves them unset (site-location.ts);
 * - the validated options as `virtual:mlpages/config`, with its types, for the collections that
 *   `src/content.config.ts` takes from `mlpages/collections`;
 * - with `MLPAGES_SHARD=<i>/<n>` (`mlpages build --shard`), only that shard's share of the pages
 *   (src/lib/shard.ts, shard-output.ts), without a search index, for `mlpages merge`;
 * - run pages whose inputs did not change since an earlier build copied from the page cache
 *   instead of rendered (page-cache.ts; `MLPAGES_FULL_BUILD` renders all), before anything below;
 * - after a build: each run's data files (run-files.ts), the Pagefind index, and the secret scan,
 *   which fails the build when `dist/` holds the tracking token or a secret-looking value, so a
 *   plain `astro build` is as safe as `mlpages build`; then the site's size and file count, with
 *   a warning when they exceed the host's limits (site-size-report.ts, host-limits.ts).
 */
export function mlpages(options: MlpagesConfigInput = {}): AstroIntegration {
	let contentDir = '';
	let base = '/';
	let host: ResolvedMlpagesConfig['host'];
	let shard: Shard | null = null;
	let building = false;
	let pageCache: PageReusePlan | null = null;
	// The options as astro:config:setup resolved them (the run-pages mode reads the manifest).
	let resolvedOptions: ResolvedMlpagesConfig | null = null;
	return {
		name: 'mlpages',
		hooks: {
			'astro:config:setup': ({ config, command, updateConfig, addWatchFile, injectRoute, injectScript, logger }) => {
				const root = fileURLToPath(config.root);
				const resolved = resolveMlpagesConfig(options, root);
				building = command === 'build';
				try {
					shard = currentShard();
				} catch (error) {
					throw new AstroError(ShardInvalid.message((error as Error).message), ShardInvalid.hint);
				}
				if (shard) logger.info(`Building shard ${shard.index} of ${shard.total}: its share of the run and model-version pages${shard.index === 1 ? ', and every shared page' : ''}.`);
				contentDir = resolved.contentDir;
				host = resolved.host;
				const srcDir = fileURLToPath(config.srcDir);
				if (!contentConfigFile(srcDir)) {
					throw new AstroError(ContentConfigMissing.message(join(srcDir, 'content.config.ts')), ContentConfigMissing.hint);
				}
				const location = siteLocation(process.env, { site: config.site, base: config.base });
				for (const note of location.notes) logger.info(note);
				base = location.base ?? config.base;
				base = base.endsWith('/') ? base : `${base}/`;
				addWatchFile(resolve(resolved.contentDir, 'manifest.json'));
				logger.info(describeRunPagesMode({ mode: resolved.runPages, reason: resolved.runPagesReason }));
				resolvedOptions = resolved;
				for (const route of mlpagesRoutes(resolved.runPages)) {
					// A project's own public/favicon.svg wins over the bundled icon.
					if (route.pattern === '/favicon.svg' && existsSync(join(fileURLToPath(config.publicDir), 'favicon.svg'))) continue;
					injectRoute(route);
				}
				// The reader's theme choice, applied before the first paint (theme-script.ts).
				injectScript('head-inline', THEME_SCRIPT);
				const hasMdx = config.integrations.some((i) => i.name === '@astrojs/mdx');
				updateConfig({
					...(location.site ? { site: location.site } : {}),
					...(location.base ? { base: location.base } : {}),
					trailingSlash: 'always',
					// Pages render on one thread, charts on one worker per core (render-pool.ts): with
					// two pages in flight per worker, a page waiting for its chart does not hold the
					// next one back. A higher concurrency the project set stays.
					build: { format: 'directory', inlineStylesheets: 'never', concurrency: Math.max(config.build.concurrency, 2 * renderWorkerCount()) },
					// Prism marks code with classes only; Shiki's inline styles would need CSP 'unsafe-inline'.
					markdown: { syntaxHighlight: 'prism' },
					...(config.security?.csp ? {} : { security: { csp: { algorithm: 'SHA-256', directives: [...SITE_CSP_DIRECTIVES] } } }),
					...(process.env['MLPAGES_CACHE_DIR'] ? { cacheDir: pathToDirUrl(resolve(root, process.env['MLPAGES_CACHE_DIR'])) } : {}),
					integrations: hasMdx ? [] : [mdx()],
					vite: {
						build: {
							// vega, vega-lite and vega-embed make one 0.8 MB chunk, loaded only when a
							// chart scrolls into view: expected, so not worth a warning on every build.
							chunkSizeWarningLimit: 1024,
							rolldownOptions: {
								onwarn(warning: Rolldown.RolldownLog, warn: (warning: Rolldown.RolldownLog) => void) {
									// Astro's MDX output starts with "use astro:head-inject", which the
									// bundler reports for every report; Astro handles it itself.
									if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /\.mdx\b/.test(warning.id ?? '')) return;
									warn(warning);
								},
							},
						},
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
			'astro:config:done': ({ config, injectTypes }) => {
				// Run pages whose inputs did not change come from the page cache (page-cache.ts).
				if (building) {
					// The mode's reason names the run count, which every new run changes: only the mode counts.
					const { contentDir: _, runPagesReason: __, ...rest } = resolvedOptions!;
					const astro = { site: config.site, base: config.base, trailingSlash: config.trailingSlash, format: config.build.format, assetsPrefix: config.build.assetsPrefix, csp: config.security?.csp ?? null };
					pageCache = startPageCache(pageCacheFingerprint({ root: fileURLToPath(config.root), srcDir: fileURLToPath(config.srcDir), options: rest, astro }));
				}
				injectTypes({
					filename: 'config.d.ts',
					content: `declare module 'virtual:mlpages/config' {\n\tconst config: import('mlpages').ResolvedMlpagesConfig;\n\texport default config;\n}\n`,
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
			'astro:build:done': async ({ dir, assets, logger }) => {
				// Pagefind indexes in its own process, reading only the HTML pages: the data files
				// are written meanwhile. A shard has no index of its own: mlpages merge indexes the
				// whole site once.
				const out = fileURLToPath(dir);
				const started = performance.now();
				const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
				// First: the reused pages are part of the site everything below reads and scans.
				// A run page's page-cache key says what it shows: search copies the index parts of
				// unchanged pages without reading them (search-index.ts, pageIdentities).
				const pageIdentities = pageCache ? pageKeysByPath(pageCache) : new Map<string, string>();
				if (pageCache) {
					const pages = finishPageCache(out, pageCache, shard !== null && shard.total > 1);
					pageCache = null;
					logger.info(`Run pages: ${pages.reused} reused from the page cache, ${pages.rendered} rendered.`);
					if (pages.others.reused + pages.others.rendered > 0) logger.info(`Experiment pages: ${pages.others.reused} reused from the page cache, ${pages.others.rendered} rendered.`);
				}
				if (shard) finishShard(out, contentDir, shard, assets);
				if (resolvedOptions?.runPages === 'shell') {
					for (const warning of writeShellRedirects(out, base)) logger.warn(warning);
					logger.info(`Run pages: added "${shellRedirectRule(base)}" to _redirects.`);
				}
				// The secret scan (a site that holds the tracking token or anything that looks like a
				// secret must not be published; its verdict is awaited below) runs on a worker thread:
				// first the files that are final already, the pages, bundles and artifacts, then each
				// data file as it is written, while Pagefind indexes in its own process, and last what
				// search wrote. Bytes an earlier build's scan cleared skip the rules (not the
				// credentials): scan-memo.ts.
				const scan = startScanThread(out, process.env, resolve(mlpagesCacheDir('scan-memo.txt')), Boolean(process.env[FULL_BUILD_ENV]));
				const finalFiles = regularFiles(out);
				const scanned = new Set(finalFiles);
				scan.files(finalFiles);
				const scanWritten = (file: string) => {
					scanned.add(file);
					scan.file(file);
				};
				// Search first: it hands Pagefind the parts to index before the data files take this thread.
				const [search, runs] = await Promise.all([
					shard ? null : buildSearchIndex(out, { pageIdentities }).then((index) => ({ ...index, time: seconds() })),
					writeRunFiles(contentDir, out, scanWritten, (message) => logger.warn(message)).then((n) => ({ n, time: seconds() })),
				]).catch(async (error: unknown) => {
					await scan.finish().catch(() => []);
					throw error;
				});
				logger.info(`Wrote the series and history files of ${runs.n} runs in ${runs.time}.`);
				if (search) logger.info(`Indexed ${search.pages} pages for search into pagefind/ (${Math.round(search.indexBytes / 1024)} KB${searchPartsNote(search)}) in ${search.time}.`);
				else logger.info(`Shard ${shard!.index} of ${shard!.total} built; mlpages merge joins the shards and indexes the whole site for search.`);
				scan.files(regularFiles(out).filter((file) => !scanned.has(file)));
				const hits = await scan.finish();
				if (hits.length > 0) {
					throw new AstroError(SecretsInSite.message(out, describeHits(hits).join('\n')), SecretsInSite.hint);
				}
				logger.info('Secret scan: nothing found.');
				// What the host will count: every file the build left, the data files included. A
				// shard is only part of the site: mlpages merge reports the whole one.
				if (shard) return;
				const size = siteSizeReport(out, hostLimits(host));
				logger.info(size.summary);
				for (const warning of size.warnings) logger.warn(warning);
			},
		},
	};
}

/** A directory as a file URL with a trailing slash, as Astro's `cacheDir` expects. */
function pathToDirUrl(dir: string): URL {
	return pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`);
}
