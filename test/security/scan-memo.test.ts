/**
 * The scan memo (src/security/scan-memo.ts): a rebuild's scan skips the rules on bytes an
 * earlier scan cleared, and finds the same secrets as a scan without it; the tracking token in
 * use is looked for in every file every time, and a file with a secret is never remembered.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openScanMemo } from '../../src/security/scan-memo.ts';
import { scanForSecrets } from '../../src/security/secret-scan.ts';
import { SECRETS } from '../fixtures/hostile/naughty.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';

const TOKEN = 'glpat-memo-test-token-0123';

function site(files: Record<string, string>): string {
	const dir = tempDir('mlpages-scan-memo-');
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(join(dir, 'site', name, '..'), { recursive: true });
		writeFileSync(join(dir, 'site', name), text);
	}
	return dir;
}

describe('the secret scan with a memo', () => {
	it('finds what a scan without it finds, and remembers only the files where no rule matched', () => {
		const dir = site({ 'runs/a/index.html': '<p>accuracy 0.93</p>', 'runs/b/index.html': `<p>${SECRETS.gitlab}</p>`, '_astro/x.js': 'let password = t;' });
		const memoFile = join(dir, 'memo.txt');
		const plain = scanForSecrets(join(dir, 'site'));
		expect(plain.map((h) => h.file)).toEqual(['runs/b/index.html']);
		expect(scanForSecrets(join(dir, 'site'), {}, openScanMemo(memoFile))).toEqual(plain);
		expect(readFileSync(memoFile, 'utf8').split('\n')).toHaveLength(2);
		expect(scanForSecrets(join(dir, 'site'), {}, openScanMemo(memoFile))).toEqual(plain);
		expect(readFileSync(memoFile, 'utf8').split('\n')).toHaveLength(2);
	});

	it('still finds the tracking token in a file whose bytes it cleared without that token in use', () => {
		const dir = site({ 'runs/a/index.html': `<p>run ${TOKEN.replace('glpat-', '')}</p>` });
		const memoFile = join(dir, 'memo.txt');
		expect(scanForSecrets(join(dir, 'site'), {}, openScanMemo(memoFile))).toEqual([]);
		const hits = scanForSecrets(join(dir, 'site'), { MLFLOW_TRACKING_TOKEN: TOKEN.replace('glpat-', '') }, openScanMemo(memoFile));
		expect(hits).toEqual([{ file: 'runs/a/index.html', rule: 'tracking-token', line: 1 }]);
		expect(readFileSync(memoFile, 'utf8')).not.toContain('memo-test');
	});

	it('skips the rules only for remembered bytes, and not at all when fresh (mlpages build --full)', () => {
		const dir = site({ 'runs/b/index.html': `<p>${SECRETS.gitlab}</p>` });
		const memoFile = join(dir, 'memo.txt');
		const memo = openScanMemo(memoFile);
		// A memo that claims the secret's bytes are clean: only a forged file could say so.
		writeFileSync(memoFile, memo.key(readFileSync(join(dir, 'site', 'runs/b/index.html')), false));
		expect(scanForSecrets(join(dir, 'site'), {}, openScanMemo(memoFile))).toEqual([]);
		expect(scanForSecrets(join(dir, 'site'), {}, openScanMemo(memoFile, true)).map((h) => h.rule)).toEqual(['gitlab-pat']);
		expect(readFileSync(memoFile, 'utf8')).toBe('');
	});

	it('knows a page by everything but its footer, and reads a new footer with the rules', () => {
		const page = (footer: string) => `<main>\n<p>accuracy 0.93</p>\n</main>\n<footer><p class="provenance">${footer}</p></footer>`;
		const dir = site({ 'runs/a/index.html': page('Data through 2026-12-01. Built from commit <code>1a2b3c4</code>.') });
		const memoFile = join(dir, 'memo.txt');
		expect(scanForSecrets(join(dir, 'site'), {}, openScanMemo(memoFile))).toEqual([]);
		const remembered = readFileSync(memoFile, 'utf8');
		// A new export and a new commit: only the footer changed, and the page is still known.
		writeFileSync(join(dir, 'site/runs/a/index.html'), page('Data through 2026-12-04. Built from commit <code>5d6e7f8</code>.'));
		expect(scanForSecrets(join(dir, 'site'), {}, openScanMemo(memoFile))).toEqual([]);
		expect(readFileSync(memoFile, 'utf8')).toBe(remembered);
		// A footer that holds a secret is found, on its line, though the rest of the page was cleared.
		writeFileSync(join(dir, 'site/runs/a/index.html'), page(`Data from <code>${SECRETS.gitlab}</code>.`));
		expect(scanForSecrets(join(dir, 'site'), {}, openScanMemo(memoFile))).toEqual([{ file: 'runs/a/index.html', rule: 'gitlab-pat', line: 4 }]);
		// And the page's rest is still looked at whole when it changes.
		writeFileSync(join(dir, 'site/runs/a/index.html'), page('Data through 2026-12-04.').replace('accuracy 0.93', SECRETS.gitlab));
		expect(scanForSecrets(join(dir, 'site'), {}, openScanMemo(memoFile)).map((h) => [h.rule, h.line])).toEqual([['gitlab-pat', 2]]);
	});
});
