import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEnd } from '../../scripts/bench/bench-context.ts';
import { StepFailure, timedChild } from '../../scripts/bench/timed-child.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mlpages-timed-child-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const log = join(scratch, 'bench.log');
writeFileSync(log, '');
const node = (script: string, caps = {}) => timedChild(process.execPath, ['-e', script], { cwd: scratch, log, ...caps });

/** The StepFailure a child ends with. */
async function failure(run: Promise<unknown>): Promise<StepFailure> {
	const error = await run.then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(StepFailure);
	return error as StepFailure;
}

describe('timedChild', () => {
	it('measures a child that finishes, with the pages Astro logged', async () => {
		const stats = await node(`for (const p of ['/a/index.html', '/b/index.html', '/robots.txt']) console.log('  ├─ ' + p + ' (+3ms)'); const keep = Buffer.alloc(64e6, 1); setTimeout(() => keep.length, 1500);`);
		expect(stats.exitCode).toBe(0);
		expect(stats.pagesLogged).toBe(2);
		// The 64 MB buffer is in the child's peak, seen by the poll and by /usr/bin/time alike.
		expect(stats.peakRssBytes).toBeGreaterThan(64e6);
	});

	it('kills a child at the time cap, its children included, and says so', async () => {
		const pidFile = join(scratch, 'grandchild.pid');
		const error = await failure(
			node(`const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); setInterval(() => {}, 1000);`, { timeoutMs: 1500 }),
		);
		expect(error.end).toEqual({ kind: 'timeout' });
		expect(describeEnd(error.end, error.stats)).toMatch(/^killed after \d+ s \(time cap\) at \d+\.\d GB$/);
		// Dead: gone, or a zombie not yet reaped by whoever adopted it.
		// SIGKILL is delivered asynchronously: on a loaded machine the process may still be listed
		// as running for a moment, so wait for it to die (bounded), rather than look once.
		const grandchild = readFileSync(pidFile, 'utf8');
		const stateOf = () => (existsSync(`/proc/${grandchild}/stat`) ? readFileSync(`/proc/${grandchild}/stat`, 'utf8').split(') ')[1]![0] : 'gone');
		let state = stateOf();
		for (let i = 0; i < 300 && !['gone', 'Z', 'X'].includes(state!); i++) {
			await new Promise((r) => setTimeout(r, 100));
			state = stateOf();
		}
		expect(['gone', 'Z', 'X']).toContain(state);
	});

	it('kills a child whose process tree passes the memory cap', async () => {
		const error = await failure(node(`const keep = []; setInterval(() => keep.push(Buffer.alloc(50e6, 1)), 100);`, { maxRssBytes: 400e6, timeoutMs: 60_000 }));
		expect(error.end).toEqual({ kind: 'memory' });
		expect(error.stats.treePeakRssBytes).toBeGreaterThan(400e6);
	});

	it('reports a crash with the reason from the log and the pages done', async () => {
		const error = await failure(node(`console.log('  ├─ /a/index.html (+3ms)'); console.error('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'); process.exit(134);`));
		expect(error.end).toEqual({ kind: 'crashed', exitCode: 134, reason: 'JavaScript heap out of memory' });
		expect(describeEnd(error.end, error.stats, 100_407)).toMatch(/^exited with 134 \(JavaScript heap out of memory\) after \d+ s at \d+\.\d GB, 1 of 100,407 pages$/);
	});
});
