import type { ResolvedSource } from './resolve-source.ts';
import type { ReaderOptions, SourceReader } from './source-reader.ts';

export interface OpenReaderOptions extends ReaderOptions {
	/** Environment for REST credentials (`MLFLOW_TRACKING_TOKEN`, ...); `process.env` by default. */
	env?: Record<string, string | undefined>;
	/** HTTP client for REST sources; `globalThis.fetch` by default. */
	fetch?: typeof globalThis.fetch;
}

/**
 * Opens the reader a resolved source needs. Reader modules are imported on demand, so an export
 * from SQLite never loads the HTTP client and the other way round.
 * @throws ExportError from the reader when the source cannot be opened
 */
export async function openReader(source: ResolvedSource, options: OpenReaderOptions): Promise<SourceReader> {
	const base: ReaderOptions = { warn: options.warn, displayUri: source.displayUri };
	switch (source.kind) {
		case 'sqlite': {
			const { openSqliteReader } = await import('./sqlite/sqlite-reader.ts');
			return openSqliteReader(source.path, base);
		}
		case 'file': {
			const { openFileStoreReader } = await import('./file-store/file-store-reader.ts');
			return openFileStoreReader(source.path, base);
		}
		case 'rest': {
			const { openRestReader } = await import('./rest/rest-reader.ts');
			return openRestReader(source.uri, {
				...base,
				...(options.env ? { env: options.env } : {}),
				...(options.fetch ? { fetch: options.fetch } : {}),
			});
		}
	}
}
