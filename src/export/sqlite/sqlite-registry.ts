import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import type { RawModelVersion, RawRegisteredModel } from '../source-reader.ts';
import type { SqliteSchema } from './sqlite-schema.ts';
import { allRows, num, str } from './sqlite-rows.ts';

/**
 * The model registry of an MLflow SQLite database: registered models with tags and aliases
 * (when `registered_model_aliases` exists, MLflow ≥ 2.3), and their versions with tags,
 * `Deleted_Internal` ones included. In MLflow 3.10+ databases names are unique per workspace, so
 * versions, tags and aliases are matched on (workspace, name).
 */
export function readSqliteRegistry(db: DatabaseSync, schema: SqliteSchema) {
	const workspaceOf = new WeakMap<RawRegisteredModel, string>();
	const models: RawRegisteredModel[] = [];
	if (!schema.hasTable('registered_models')) return { models, versions: () => [] as RawModelVersion[] };
	const ws = (table: string, alias = '') =>
		schema.hasColumn(table, 'workspace') ? `${alias}workspace` : `'default'`;
	const owned = (table: string, cols: string) => {
		const map = new Map<string, Array<Record<string, SQLOutputValue>>>();
		if (!schema.hasTable(table)) return map;
		for (const row of allRows(db.prepare(`SELECT ${ws(table)} AS ws, name, ${cols} FROM ${table}`))) {
			const k = `${String(row['ws'])}\u0000${String(row['name'])}`;
			const list = map.get(k) ?? [];
			list.push(row);
			map.set(k, list);
		}
		return map;
	};
	const tags = owned('registered_model_tags', 'key, value');
	const aliases = owned('registered_model_aliases', 'alias, version');
	const versionTags = owned('model_version_tags', 'key, value, version');

	const sql = `SELECT ${ws('registered_models')} AS ws, name, creation_time, last_updated_time, description
		FROM registered_models ORDER BY name, ws`;
	for (const row of allRows(db.prepare(sql))) {
		const k = `${String(row['ws'])}\u0000${String(row['name'])}`;
		const model: RawRegisteredModel = {
			name: String(row['name']),
			creationTime: num(row['creation_time']),
			lastUpdatedTime: num(row['last_updated_time']),
			description: str(row['description']),
			tags: Object.fromEntries((tags.get(k) ?? []).map((t) => [String(t['key']), str(t['value']) ?? ''])),
			aliases: Object.fromEntries((aliases.get(k) ?? []).map((a) => [String(a['alias']), String(a['version'])])),
		};
		workspaceOf.set(model, String(row['ws']));
		models.push(model);
	}

	const mv = (c: string, fallback = 'NULL') => schema.column('model_versions', c, fallback);
	const versionSql = schema.hasTable('model_versions')
		? `SELECT version, creation_time, last_updated_time, description, user_id, ${mv('current_stage', "'None'")},
			source, run_id, ${mv('status', "'READY'")} FROM model_versions
			WHERE name = ? AND ${ws('model_versions')} = ? ORDER BY version`
		: null;
	const versions = (model: RawRegisteredModel): RawModelVersion[] => {
		if (!versionSql) return [];
		const w = workspaceOf.get(model) ?? 'default';
		const k = `${w}\u0000${model.name}`;
		return allRows(db.prepare(versionSql), model.name, w).map((row) => {
			const version = String(row['version']);
			const vt = (versionTags.get(k) ?? []).filter((t) => String(t['version']) === version);
			return {
				name: model.name,
				version,
				creationTime: num(row['creation_time']),
				lastUpdatedTime: num(row['last_updated_time']),
				description: str(row['description']),
				userId: str(row['user_id']) || null,
				stage: str(row['current_stage']) ?? 'None',
				status: str(row['status']) ?? 'READY',
				source: str(row['source']),
				runId: str(row['run_id']) || null,
				tags: Object.fromEntries(vt.map((t) => [String(t['key']), str(t['value']) ?? ''])),
			};
		});
	};
	return { models, versions };
}
