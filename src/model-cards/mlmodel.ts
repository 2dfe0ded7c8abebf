import YAML from 'yaml';
import { decodeUriOrNull } from '../lib/decode-uri.ts';
import type { Run } from '../schemas/run.ts';
import type { SignatureColumn } from '../schemas/model-card.ts';

/** What a card shows from an MLflow `MLmodel` file. */
export interface MlModelInfo {
	/** Flavor names, `python_function` last. */
	flavors: string[];
	/** Main flavor and its library version. @example "sklearn 1.5.2" */
	library: string | null;
	mlflowVersion: string | null;
	/** null when no signature was logged. */
	signature: { inputs: SignatureColumn[] | null; outputs: SignatureColumn[] | null } | null;
}

const record = (v: unknown): Record<string, unknown> =>
	v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * Reads the parts of an MLmodel document (parsed YAML, or one entry of the run tag
 * `mlflow.log-model.history`) that a card shows. Unknown or malformed parts become null.
 */
export function mlModelInfo(doc: unknown): MlModelInfo {
	const d = record(doc);
	const flavorMap = record(d['flavors']);
	const flavors = Object.keys(flavorMap).sort((a, b) =>
		a === 'python_function' ? 1 : b === 'python_function' ? -1 : a.localeCompare(b),
	);
	const main = flavors.find((f) => f !== 'python_function');
	let library: string | null = null;
	if (main) {
		const settings = record(flavorMap[main]);
		const versionKey = Object.keys(settings).find((k) => k.endsWith('_version') && k !== 'python_version');
		const version = versionKey ? settings[versionKey] : undefined;
		library = typeof version === 'string' || typeof version === 'number' ? `${main} ${version}` : main;
	}
	const sig = record(d['signature']);
	const hasSignature = 'inputs' in sig || 'outputs' in sig;
	return {
		flavors,
		library,
		mlflowVersion: typeof d['mlflow_version'] === 'string' ? d['mlflow_version'] : null,
		signature: hasSignature ? { inputs: columns(sig['inputs']), outputs: columns(sig['outputs']) } : null,
	};
}

/** Parses the text of an `MLmodel` file. @throws when the YAML does not parse. */
export function parseMlModel(text: string): MlModelInfo {
	return mlModelInfo(YAML.parse(text));
}

/** Turns a signature's JSON string (column specs or tensor specs) into columns; null when unreadable. */
export function columns(json: unknown): SignatureColumn[] | null {
	if (typeof json !== 'string') return null;
	let specs: unknown;
	try {
		specs = JSON.parse(json);
	} catch {
		return null;
	}
	if (!Array.isArray(specs)) return null;
	return specs.map((raw) => {
		const s = record(raw);
		const tensor = record(s['tensor-spec']);
		const type =
			s['type'] === 'tensor'
				? `tensor ${String(tensor['dtype'] ?? '?')} ${JSON.stringify(tensor['shape'] ?? [])}`
				: typeof s['type'] === 'string'
					? s['type']
					: JSON.stringify(s['type'] ?? null);
		return {
			name: typeof s['name'] === 'string' ? s['name'] : null,
			type,
			required: typeof s['required'] === 'boolean' ? s['required'] : null,
		};
	});
}

/**
 * Artifact path (inside the run's artifacts) of the model a version was registered from:
 * `runs:/<run>/<path>`, or `…/<run>/artifacts/<path>` for file and mlflow-artifacts URIs.
 * @returns null when the source does not name a path in this run (or holds a malformed `%` escape).
 */
export function modelArtifactPath(source: string | null, runId: string): string | null {
	if (!source) return null;
	const runs = /^runs:\/([^/]+)\/(.+)$/.exec(source);
	if (runs?.[1] === runId && runs[2]) return runs[2].replace(/\/+$/, '');
	const marker = `/${runId}/artifacts/`;
	const at = source.indexOf(marker);
	if (at === -1) return null;
	return decodeUriOrNull(source.slice(at + marker.length))?.replace(/\/+$/, '') || null;
}

/**
 * Path of the `MLmodel` file to read among the run's exported artifacts: the one under the
 * version's source path, else the only one the run has. null when none or ambiguous.
 */
export function findMlModelArtifact(run: Run, source: string | null): string | null {
	const all = run.artifacts.map((a) => a.path).filter((p) => p === 'MLmodel' || p.endsWith('/MLmodel'));
	const dir = modelArtifactPath(source, run.id);
	if (dir !== null) {
		const exact = `${dir}/MLmodel`;
		if (all.includes(exact)) return exact;
	}
	return all.length === 1 ? (all[0] ?? null) : null;
}

/**
 * The entry of the run tag `mlflow.log-model.history` (MLflow ≤ 2) for the version's artifact
 * path, used when the MLmodel file itself was not exported. null when absent or ambiguous.
 */
export function logModelHistoryEntry(run: Run, source: string | null): unknown {
	const raw = run.tags['mlflow.log-model.history'];
	if (!raw) return null;
	let entries: unknown;
	try {
		entries = JSON.parse(raw);
	} catch {
		return null;
	}
	if (!Array.isArray(entries)) return null;
	const dir = modelArtifactPath(source, run.id);
	if (dir === null) return entries.length === 1 ? entries[0] : null;
	const matching = entries.filter((e) => record(e)['artifact_path'] === dir);
	// Several log_model calls to one path: the last one is what the artifact holds.
	return matching.at(-1) ?? null;
}
