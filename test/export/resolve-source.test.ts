import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExportError, SourceMissing, UsageError } from '../../src/errors.ts';
import { resolveSource } from '../../src/export/resolve-source.ts';
import { tempDir } from './helpers/temp-dir.ts';

const cwd = tempDir('mlpages-src-');
writeFileSync(join(cwd, 'mlflow.db'), '');
const code = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		return e instanceof ExportError ? [e.code, e.exitCode, e.message] : e;
	}
	return null;
};

describe('resolveSource', () => {
	it('routes paths and URIs to the right reader, shown relative to the working directory', () => {
		expect(resolveSource('mlflow.db', cwd)).toEqual({ kind: 'sqlite', path: join(cwd, 'mlflow.db'), displayUri: 'mlflow.db' });
		expect(resolveSource('.', cwd)).toEqual({ kind: 'file', path: cwd, displayUri: '.' });
		expect(resolveSource('sqlite:///mlflow.db', cwd)).toMatchObject({ kind: 'sqlite', displayUri: 'mlflow.db' });
		expect(resolveSource(`sqlite:///${join(cwd, 'mlflow.db')}`, '/')).toMatchObject({ kind: 'sqlite', path: join(cwd, 'mlflow.db') });
		expect(resolveSource(pathToFileURL(join(cwd, 'mlflow.db')).href, cwd)).toMatchObject({ kind: 'sqlite', displayUri: 'mlflow.db' });
		expect(resolveSource('file:.', cwd)).toMatchObject({ kind: 'file', displayUri: '.' });
		expect(resolveSource('https://u:p@gitlab.com/api/v4/projects/1/ml/mlflow', cwd)).toEqual({
			kind: 'rest',
			uri: 'https://u:p@gitlab.com/api/v4/projects/1/ml/mlflow',
			displayUri: 'https://gitlab.com/api/v4/projects/1/ml/mlflow',
		});
	});

	it('names a missing path in SourceMissing (exit 1)', () => {
		expect(code(() => resolveSource('nowhere/mlflow.db', cwd))).toEqual([SourceMissing.name, 1, SourceMissing.message('nowhere/mlflow.db')]);
		expect(code(() => resolveSource('sqlite:///gone.db', cwd))).toEqual([SourceMissing.name, 1, SourceMissing.message('gone.db')]);
	});

	it('refuses sources it cannot read as usage errors (exit 2), without credentials in the message', () => {
		const [name, exit, message] = code(() => resolveSource('postgresql://admin:hunter2@db/mlflow', cwd)) as [string, number, string];
		expect([name, exit]).toEqual([UsageError.name, 2]);
		expect(message).not.toContain('hunter2');
		expect((code(() => resolveSource('databricks', cwd)) as unknown[]).slice(0, 2)).toEqual([UsageError.name, 2]);
		expect((code(() => resolveSource('  ', cwd)) as unknown[]).slice(0, 2)).toEqual([UsageError.name, 2]);
		expect((code(() => resolveSource('sqlite://', cwd)) as unknown[]).slice(0, 2)).toEqual([UsageError.name, 2]);
	});
});
