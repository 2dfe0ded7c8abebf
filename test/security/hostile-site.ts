/**
 * The hostile site for the page-level security tests, built once per test file in a temporary
 * folder (see test/fixtures/hostile/). Only the first file to ask builds: the result is kept in
 * a folder keyed by the Vitest process, guarded by a lock directory, so the other test files of
 * the same run wait for it instead of building again. Sites of finished runs are removed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { buildHostileSite, type HostileSite } from '../fixtures/hostile/build-hostile-site.ts';
import { filesUnder } from './html.ts';

/** Builds (or waits for) the hostile site of this test run. */
export async function hostileSite(): Promise<HostileSite & { pages: string[]; read: (file: string) => string }> {
	const work = join(tmpdir(), `mlpages-hostile-${process.ppid}`);
	const done = join(work, 'site.json');
	const failed = join(work, 'failed.txt');
	let lock = false;
	try {
		mkdirSync(work);
		lock = true;
	} catch {
		// Another test file of this run builds it.
	}
	if (lock) {
		removeStaleSites();
		try {
			const site = await buildHostileSite(work);
			writeFileSync(done, JSON.stringify(site));
		} catch (error) {
			writeFileSync(failed, String((error as Error).message));
			throw error;
		}
	} else {
		while (!existsSync(done) && !existsSync(failed)) await delay(250);
		if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
	}
	const site = JSON.parse(readFileSync(done, 'utf8')) as HostileSite;
	const files = filesUnder(site.dist);
	return { ...site, pages: files.filter((f) => f.endsWith('.html')), read: (file) => readFileSync(join(site.dist, file), 'utf8') };
}

/** Removes the hostile sites of earlier test runs whose Vitest process has ended. */
function removeStaleSites(): void {
	for (const name of readdirSync(tmpdir())) {
		const pid = /^mlpages-hostile-(\d+)$/.exec(name)?.[1];
		if (!pid || Number(pid) === process.ppid) continue;
		try {
			process.kill(Number(pid), 0);
		} catch {
			rmSync(join(tmpdir(), name), { recursive: true, force: true });
		}
	}
}
