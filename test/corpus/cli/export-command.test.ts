import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../export/helpers/temp-dir.ts';
import { fixture } from '../helpers/shared-fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('mlpages export of a real store, as a child process', () => {
	it('exits 0 and summarises Ghaith-Saidani__MLflow/mlflow.db: 143 runs, 137 of them deleted', async () => {
		const out = join(tempDir('mlpages-cli-'), 'content');
		const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/mlpages.js'), 'export', fixture('Ghaith-Saidani__MLflow/mlflow.db'), '--out', out], {
			cwd: ROOT,
			env: { ...process.env, NO_COLOR: '1', MLFLOW_TRACKING_URI: '' },
		});
		expect(stdout).toContain('Exported 1 experiment, 6 runs, 6 metric points in 6 series, 1 registered model with 25 versions');
		expect(stdout).toContain('Left out: 137 run (deleted).');
		expect(readdirSync(out)).toContain('manifest.json');
	});
});
