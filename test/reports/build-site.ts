import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import mlpagesConfig from '../../examples/site/mlpages.config.mjs';
import { exportSnapshot } from '../../src/export/export.ts';
import { openSqliteReader } from '../../src/export/sqlite/sqlite-reader.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { ASTRO_BIN, EXAMPLE_SITE } from '../support/example-site.ts';

/** The project root. */
export const root = join(import.meta.dirname, '../..');

/**
 * A new scratch folder under the example project's ignored `.tmp/`. Builds go there, not to the system
 * temp folder: Astro writes its prerender chunks into `<outDir>/.prerender/` only when the
 * output is inside the working directory, and otherwise into the shared `.astro/` of the project,
 * where parallel builds overwrite each other's chunks.
 */
export function scratchDir(prefix: string): string {
	mkdirSync(join(EXAMPLE_SITE, '.tmp'), { recursive: true });
	return mkdtempSync(join(EXAMPLE_SITE, '.tmp', prefix));
}

/**
 * Exports the bundled example store (`examples/mlflow.db`) into `contentDir` and copies the
 * example reports next to it: the content `npm run build` makes, without touching `content/`.
 */
export async function exampleContent(contentDir: string): Promise<void> {
	const reader = await openSqliteReader(join(root, 'examples/mlflow.db'), { warn: () => {}, displayUri: 'examples/mlflow.db' });
	try {
		await exportSnapshot({ reader, outDir: contentDir, config: MlpagesConfigSchema.parse(mlpagesConfig) });
	} finally {
		await reader.close();
	}
	mkdirSync(join(contentDir, 'reports'), { recursive: true });
	for (const name of readdirSync(join(EXAMPLE_SITE, 'content/reports'))) {
		cpSync(join(EXAMPLE_SITE, 'content/reports', name), join(contentDir, 'reports', name));
	}
}

/**
 * The environment of a child build, less what Vitest sets for its own Vite (Astro would read
 * `BASE_URL`, `MODE`, `DEV`, `PROD` and `SSR` back into `import.meta.env`) and less CI variables
 * that would change the footer. Colour is off (a CI runner may force it, and Astro then puts escape
 * codes between the words a test looks for).
 */
function buildEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const key of ['FORCE_COLOR', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'SITE', 'BASE_PATH']) delete env[key];
	for (const key of Object.keys(env)) {
		if (key.startsWith('VITEST') || key.startsWith('CI_') || key.startsWith('GITHUB_')) delete env[key];
	}
	return { ...env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...extra };
}

/** What a build printed, and whether it succeeded. */
export interface BuildOutcome {
	ok: boolean;
	output: string;
}

/** Runs `astro build` of `contentDir` into `outDir` under `base`; never throws for a failed build. */
export async function buildSite(options: {
	contentDir: string;
	outDir: string;
	cacheDir: string;
	base: string;
	env?: Record<string, string>;
}): Promise<BuildOutcome> {
	const { contentDir, outDir, cacheDir, base, env = {} } = options;
	try {
		const { stdout, stderr } = await promisify(execFile)(
			process.execPath,
			[ASTRO_BIN, 'build', '--outDir', outDir],
			{
				cwd: EXAMPLE_SITE,
				env: buildEnv({ MLPAGES_CONTENT_DIR: contentDir, MLPAGES_CACHE_DIR: cacheDir, BASE_PATH: base, ...env }),
				maxBuffer: 64 * 1024 * 1024,
			},
		);
		return { ok: true, output: stripVTControlCharacters(`${stdout}\n${stderr}`) };
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string };
		return { ok: false, output: stripVTControlCharacters(`${e.stdout ?? ''}\n${e.stderr ?? ''}`) };
	}
}
