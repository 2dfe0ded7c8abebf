import type { SourceKind } from '../schemas/manifest.ts';

/**
 * How a published site names its source: the kind and the store's own file or folder name, or
 * the tracking server's host (with its port), never a path of the build machine
 * (`../../../ci/builds/x/mlruns`, `/tmp/…`) nor a URL's path, query or credentials.
 * @example sourceLabel('sqlite', '../../data/mlflow.db') === 'sqlite · mlflow.db'
 * @example sourceLabel('rest', 'https://mlflow.internal:5000/prefix?x=1') === 'rest · mlflow.internal:5000'
 */
export function sourceLabel(kind: SourceKind, uri: string): string {
	if (kind === 'rest' || kind === 'gitlab') {
		try {
			const host = new URL(uri).host;
			return host ? `${kind} · ${host}` : kind;
		} catch {
			return kind;
		}
	}
	const name = uri.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
	return name === '' || name === '.' || name === '..' ? kind : `${kind} · ${name}`;
}

/**
 * A source as the manifest records it: kind and label always, the URI (credentials already
 * removed by the reader) only when the configuration opts in (`publishSourceUri`).
 */
export function publishedSource<T extends { kind: SourceKind; uri: string }>(
	source: T,
	withUri: boolean,
): Omit<T, 'uri'> & { label: string; uri?: string } {
	const { uri, ...rest } = source;
	return { ...rest, label: sourceLabel(source.kind, uri), ...(withUri ? { uri } : {}) };
}
