/**
 * A user's project builds with a plain `astro build`: the integration alone brings the pages, the
 * collections and the secret scan. Projects are made under the example site's ignored .tmp/, so
 * that `mlpages` resolves to this repository (package self-reference) as it does in examples/site.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentConfigMissing, SecretsInSite } from '../../src/errors.ts';
import { CONTENT_CONFIG_SOURCE } from '../../src/integration/content-config-file.ts';
import { ASTRO_BIN, EXAMPLE_SITE, ROOT } from '../support/example-site.ts';

mkdirSync(join(EXAMPLE_SITE, '.tmp'), { recursive: true });
const work = mkdtempSync(join(EXAMPLE_SITE, '.tmp', 'astro-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A project as `mlpages init` makes it, without a content config when `contentConfig` is false. */
function project(name: string, contentConfig = true): string {
	const dir = join(work, name);
	mkdirSync(join(dir, 'src'), { recursive: true });
	writeFileSync(join(dir, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nimport mlpages from 'mlpages';\nexport default defineConfig({ integrations: [mlpages({ title: 'Plain build' })] });\n");
	if (contentConfig) writeFileSync(join(dir, 'src', 'content.config.ts'), CONTENT_CONFIG_SOURCE);
	return dir;
}

/** `astro build` in `dir` with `env`; never throws. */
async function astroBuild(dir: string, env: Record<string, string> = {}): Promise<{ ok: boolean; output: string }> {
	const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|BASE_URL$|MODE$|DEV$|PROD$|SSR$|NODE_ENV$|SITE$|BASE_PATH$|CI_|MLFLOW_)/.test(k)));
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, [ASTRO_BIN, 'build'], { cwd: dir, env: { ...clean, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env }, maxBuffer: 64 << 20 });
		return { ok: true, output: stdout + stderr };
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string };
		return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
	}
}

describe('a plain astro build of an mlpages project', () => {
	it('fails at once, saying which line to add, when the project has no src/content.config.ts', async () => {
		const dir = project('no-content-config', false);
		const build = await astroBuild(dir);
		expect(build.ok).toBe(false);
		expect(build.output).toContain(ContentConfigMissing.message(join(dir, 'src', 'content.config.ts')));
		expect(build.output).toContain("export { collections } from 'mlpages/collections';");
	}, 120_000);

	it('builds a site that says how to connect a store when there is no snapshot yet', async () => {
		const dir = project('empty');
		const build = await astroBuild(dir);
		expect(build.ok, build.output).toBe(true);
		const home = readFileSync(join(dir, 'dist', 'index.html'), 'utf8');
		expect(home).toContain('No MLflow data yet');
		expect(home).toContain('MLFLOW_TRACKING_URI=./mlruns npm run build');
		// The pages come from the package: the project has none of its own, and the icon is bundled.
		expect(readFileSync(join(dir, 'dist', 'favicon.svg'), 'utf8')).toContain('<svg');
		expect(readFileSync(join(dir, 'dist', 'search', 'index.html'), 'utf8')).toMatch(/<meta http-equiv="content-security-policy" content="default-src 'none'/i);
	}, 300_000);

	it('fails when the built site holds the tracking token in use, naming the file but never the value', async () => {
		const dir = project('token');
		cpSync(join(ROOT, 'test/fixtures/content/basic'), join(dir, 'content'), { recursive: true });
		// A git commit tag of one run stands in for a leaked token: it is shown on that run's page.
		const token = 'b9d7290b5ecc075536cbebbe072d0760';
		const build = await astroBuild(dir, { MLFLOW_TRACKING_TOKEN: token });
		expect(build.ok).toBe(false);
		expect(build.output).toContain(SecretsInSite.hint);
		expect(build.output).toContain('contains what looks like a secret, so it must not be published');
		expect(build.output).toMatch(/runs\/c94ace88c19c1ed88d9a09091870a3c2\/index\.html:\d+: tracking-token/);
		expect(build.output).not.toContain(token);
	}, 300_000);

	it('fails when only a data file written after the pages holds the token: the scan reads those too', async () => {
		const dir = project('token-in-data');
		cpSync(join(ROOT, 'test/fixtures/content/basic'), join(dir, 'content'), { recursive: true });
		// The series file is copied to compare/series/ byte for byte, after the pages are built and
		// while the scan of the pages has begun; no page shows this field.
		const token = 'f3e1c2a4b5d6978812ab34cd56ef7890';
		const id = 'c94ace88c19c1ed88d9a09091870a3c2';
		const file = join(dir, 'content/series', `${id}.json`);
		writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\}\s*$/, `,\n  "zz_note": "${token}"\n}\n`));
		const build = await astroBuild(dir, { MLFLOW_TRACKING_TOKEN: token });
		expect(build.ok).toBe(false);
		expect(build.output).toMatch(new RegExp(`compare/series/${id}\\.json:\\d+: tracking-token`));
		expect(build.output).not.toMatch(/index\.html:\d+: tracking-token/);
		expect(build.output).not.toContain(token);
	}, 300_000);
});
