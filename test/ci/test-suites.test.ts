import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import { ROOT } from '../support/example-site.ts';

/**
 * The two suites of the README: `npm test` needs nothing beside the repository (issue #13: it
 * failed on a fresh clone because tests read ../shared), and `npm run test:corpus`, the real
 * stores of ../shared/fixtures, fails with one clear message when they are missing.
 */
describe('npm test and npm run test:corpus', () => {
	it('npm test leaves the corpus tests out, and no other test names the corpus', () => {
		expect(config.test?.exclude).toContain('test/corpus/**');
		const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
		const offenders = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
			// This file names the corpus to check the others.
			.filter((f) => f.endsWith('.ts') && !f.startsWith('corpus/') && f !== join('ci', 'test-suites.test.ts'))
			.filter((f) => /shared\/fixtures|shared-fixtures|\/corpus\//.test(code(readFileSync(join(ROOT, 'test', f), 'utf8'))));
		expect(offenders).toEqual([]);
	});

	it('npm run test:corpus fails before any test, naming where the corpus was looked for, when it is missing', async () => {
		const empty = tempDir('mlpages-no-corpus-');
		const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['test:corpus'] as string;
		expect(script).toBe('vitest run --config test/corpus/vitest.config.ts');
		const result = await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), ...script.split(' ').slice(1)], {
			cwd: ROOT,
			env: { ...process.env, MLPAGES_CORPUS_DIR: empty, NO_COLOR: '1', CI: 'true' },
		}).then(
			() => ({ code: 0, output: '' }),
			(e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
		);
		expect(result.code).toBe(1);
		expect(result.output).toContain(`The real-store corpus is missing: ${join(empty, 'mlflow')} does not exist.`);
		expect(result.output).not.toMatch(/skipped|passed/i);
	});
});
