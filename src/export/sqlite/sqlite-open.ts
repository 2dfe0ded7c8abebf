import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { SourceMissing, SourceNotMlflow, SourceUnreadable, exportError } from '../../errors.ts';
import { readSqliteSchema, type SqliteSchema } from './sqlite-schema.ts';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Opens an MLflow SQLite database read-only and reads its schema.
 * @param display how the path is named in messages
 * @throws ExportError SourceMissing (no file), SourceNotMlflow (not SQLite, or no `experiments`
 * and `runs` tables), SourceUnreadable (permissions, locked, corrupt)
 */
export function openSqliteDatabase(
	path: string,
	display: string,
	busyTimeoutMs: number,
): { db: DatabaseSync; schema: SqliteSchema } {
	let stat;
	try {
		stat = statSync(path);
	} catch (error) {
		if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) throw exportError(SourceMissing, display);
		throw unreadable(display, error);
	}
	if (stat.isDirectory()) throw exportError(SourceNotMlflow, display, 'it is a folder, not a SQLite database file');
	const size = stat.size;
	if (size === 0) throw exportError(SourceNotMlflow, display, 'the file is empty');
	if (readHeader(path, display) !== SQLITE_HEADER) {
		throw exportError(SourceNotMlflow, display, 'the file is not a SQLite database');
	}
	let db: DatabaseSync;
	try {
		db = new DatabaseSync(path, { readOnly: true, timeout: busyTimeoutMs });
	} catch (error) {
		throw unreadable(display, error);
	}
	let schema: SqliteSchema;
	try {
		schema = readSqliteSchema(db);
	} catch (error) {
		db.close();
		if (/not a database/i.test(String(error))) throw exportError(SourceNotMlflow, display, 'the file is not a SQLite database');
		throw unreadable(display, error);
	}
	if (!schema.hasTable('experiments') || !schema.hasTable('runs')) {
		db.close();
		throw exportError(SourceNotMlflow, display, 'the database has no MLflow "experiments" and "runs" tables');
	}
	return { db, schema };
}

function readHeader(path: string, display: string): string {
	let fd: number | undefined;
	try {
		fd = openSync(path, 'r');
		const buf = Buffer.alloc(16);
		const n = readSync(fd, buf, 0, 16, 0);
		return buf.subarray(0, n).toString('latin1');
	} catch (error) {
		throw unreadable(display, error);
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

function isCode(error: unknown, code: string): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** SourceUnreadable with the reason SQLite or the file system gave (locked, permission denied). */
export function unreadable(display: string, error: unknown) {
	const reason = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
	const e = exportError(SourceUnreadable, display, reason);
	Object.defineProperty(e, 'cause', { value: error });
	return e;
}
