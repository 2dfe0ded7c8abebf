import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startScanThread } from '../../src/security/scan-thread.ts';
import { regularFiles, scanForSecrets } from '../../src/security/secret-scan.ts';
import { CANARY_TOKEN } from '../fixtures/hostile/make-hostile-store.ts';
import { SECRETS } from '../fixtures/hostile/naughty.ts';

function siteWith(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'mlpages-scan-thread-'));
	for (const [rel, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, rel)), { recursive: true });
		writeFileSync(join(dir, rel), text);
	}
	return dir;
}

describe('the secret scan on its own thread', () => {
	it('finds what the scan in this thread finds, from files given at once and one by one, and keeps its memo', async () => {
		const dir = siteWith({
			'index.html': '<p>nothing here</p>',
			'runs/a/index.html': `<p>${CANARY_TOKEN}</p>`,
			'runs/a/history.json': `{"note": "${SECRETS.urlUserinfo}"}`,
			'runs/b/index.html': '<p>clean</p>',
		});
		const env = { MLFLOW_TRACKING_TOKEN: CANARY_TOKEN, HOME: '/root' };
		const memoFile = join(dir, '..', `${dir.split('/').pop()}-memo.txt`);
		const scan = startScanThread(dir, env, memoFile, false);
		const [first, ...rest] = regularFiles(dir);
		scan.files([first!]);
		for (const file of rest) scan.file(file);
		const hits = await scan.finish();
		expect(hits.map((h) => `${h.file} ${h.rule}`)).toEqual(scanForSecrets(dir, env).map((h) => `${h.file} ${h.rule}`));
		expect(hits.map((h) => h.file)).toEqual(expect.arrayContaining(['runs/a/index.html', 'runs/a/history.json']));
		// Files where no rule matched are remembered for the next build (the credentials are looked
		// for every time), and the next scan, with that memo, finds the same.
		expect(readFileSync(memoFile, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
		const again = startScanThread(dir, env, memoFile, false);
		again.files(regularFiles(dir));
		expect(await again.finish()).toEqual(hits);
	});

	it('rejects, naming the folder, when the scan cannot finish', async () => {
		const dir = siteWith({ 'index.html': '<p>ok</p>', 'blocker': 'a file where a folder should be' });
		const scan = startScanThread(dir, {}, join(dir, 'blocker', 'memo.txt'), false);
		scan.files(regularFiles(dir));
		await expect(scan.finish()).rejects.toThrow(`The secret scan of ${dir} failed`);
	});
});
