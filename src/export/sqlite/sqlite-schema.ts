import type { DatabaseSync } from 'node:sqlite';

/**
 * The tables and columns of one MLflow SQLite database, read from `sqlite_master` and
 * `PRAGMA table_info`. Readers ask it instead of trusting the alembic revision: MLflow 1.x to 3.x
 * databases differ in optional tables (`latest_metrics`, `registered_model_aliases`, `datasets`,
 * `logged_models`, ...) and columns (`runs.deleted_time`, `experiments.creation_time`,
 * `*.workspace`, `metrics.step`, `metrics.is_nan`).
 */
export interface SqliteSchema {
	hasTable(table: string): boolean;
	hasColumn(table: string, column: string): boolean;
	/** `"column"` when the table has it, else the SQL literal `fallback` (e.g. `NULL`, `0`). */
	column(table: string, column: string, fallback: string, alias?: string): string;
}

export function readSqliteSchema(db: DatabaseSync): SqliteSchema {
	const columns = new Map<string, Set<string>>();
	const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
	for (const row of tables) {
		const name = String(row['name']);
		const info = db.prepare(`PRAGMA table_info(${quoteIdent(name)})`).all();
		columns.set(name, new Set(info.map((c) => String(c['name']))));
	}
	const hasColumn = (table: string, column: string) => columns.get(table)?.has(column) ?? false;
	return {
		hasTable: (table) => columns.has(table),
		hasColumn,
		column: (table, column, fallback, alias = column) =>
			hasColumn(table, column) ? `${quoteIdent(column)} AS ${quoteIdent(alias)}` : `${fallback} AS ${quoteIdent(alias)}`,
	};
}

/** Quotes an SQL identifier (table and column names come from the schema, never from users). */
export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}
