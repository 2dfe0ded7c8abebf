/**
 * The raw-read baselines the exporter is measured against (goals G4 and G5 of
 * ../shared/reference/performance.md), run in this process:
 * - file store: a recursive `readdirSync` walk plus `readFileSync` (utf8) of every file outside
 *   `artifacts/` folders, the same files scripts/bench/file-store.ts reads as its ceiling;
 * - SQLite: a bare `SELECT … FROM metrics` streamed with `StatementSync.iterate()`, and the
 *   exporter's own access path (one `WHERE run_uuid = ? ORDER BY key, timestamp, step, value`
 *   query per run), both reading the columns the exporter reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface Measured<T> {
	wallMs: number;
	cpuMs: number;
	result: T;
}

/** Starts a clock of wall and CPU (user + sys) time of this process; the result stops it. */
function startClock(): <T>(result: T) => Measured<T> {
	const cpu = process.cpuUsage();
	const started = performance.now();
	return (result) => {
		const wallMs = performance.now() - started;
		const used = process.cpuUsage(cpu);
		return { wallMs, cpuMs: (used.user + used.system) / 1000, result };
	};
}

/** Runs `work` once, timing wall and CPU (user + sys) of this process. */
export function measure<T>(work: () => T): Measured<T> {
	const stop = startClock();
	return stop(work());
}

/** `measure` for asynchronous work (the readers). */
export async function measureAsync<T>(work: () => Promise<T>): Promise<Measured<T>> {
	const stop = startClock();
	return stop(await work());
}

/** Walks `root` and reads every file outside `artifacts/` folders. */
export function rawReadFileStore(root: string): { files: number; chars: number } {
	let files = 0;
	let chars = 0;
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) {
				if (entry.name !== 'artifacts') walk(path);
			} else if (entry.isFile()) {
				chars += readFileSync(path, 'utf8').length;
				files++;
			}
		}
	};
	walk(root);
	return { files, chars };
}

/** Streams every metric row of `dbPath` once, touching each column; returns the row count. */
export function rawIterateMetrics(dbPath: string): number {
	const db = new DatabaseSync(dbPath, { readOnly: true });
	try {
		let rows = 0;
		let sink = 0;
		const stmt = db.prepare('SELECT key, value, timestamp, step, is_nan, run_uuid FROM metrics');
		// Rows as arrays, as the exporter reads them: the fastest bare read node:sqlite offers.
		stmt.setReturnArrays(true);
		for (const row of stmt.iterate() as Iterable<unknown> as Iterable<unknown[]>) {
			sink += (row[1] as number) + (row[3] as number);
			rows++;
		}
		return sink === Number.MIN_VALUE ? -1 : rows;
	} finally {
		db.close();
	}
}

/** The exporter's access path: one ordered query per run. Returns the row count. */
export function rawIterateMetricsPerRun(dbPath: string): number {
	const db = new DatabaseSync(dbPath, { readOnly: true });
	try {
		const runIds = db.prepare('SELECT run_uuid FROM runs ORDER BY run_uuid').all().map((r) => String(r['run_uuid']));
		const stmt = db.prepare('SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ? ORDER BY key, timestamp, step, value');
		stmt.setReturnArrays(true);
		let rows = 0;
		for (const id of runIds) for (const _ of stmt.iterate(id)) rows++;
		return rows;
	} finally {
		db.close();
	}
}
