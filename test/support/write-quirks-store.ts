import { join } from 'node:path';
import type { FileStoreLayout } from '../../scripts/demo/file-store-meta.ts';
import { writeArtifactRoot } from '../../scripts/demo/write-artifacts.ts';
import { writeFileStore } from '../../scripts/demo/write-file-store.ts';
import { writeSqliteStore } from '../../scripts/demo/write-sqlite.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import type { DemoStore } from '../../scripts/demo/store-model.ts';
import { quirksStore } from './quirks-store.ts';

/** Where a written store is: its folder and the path a reader opens. */
export interface WrittenStore {
	/** The temporary folder holding the store (removed after the test file). */
	dir: string;
	/** `<dir>/mlflow.db` or `<dir>/mlruns`. */
	path: string;
}

/**
 * Writes the quirks store (or a variant of it) to a new temporary folder: a SQLite store at an
 * Alembic revision (`mlflow.db`, with the artifacts in `mlartifacts/` beside it, as
 * `mlflow server` keeps them), or a file store of a layout (`mlruns/`).
 */
export function writeQuirksStore(
	kind: { sqlite: string } | { file: FileStoreLayout },
	store: DemoStore = quirksStore(),
): WrittenStore {
	const dir = tempDir('mlpages-quirks-');
	if ('sqlite' in kind) {
		writeArtifactRoot(store, join(dir, 'mlartifacts'));
		writeSqliteStore(store, join(dir, 'mlflow.db'), { revision: kind.sqlite });
		return { dir, path: join(dir, 'mlflow.db') };
	}
	writeFileStore(store, join(dir, 'mlruns'), { layout: kind.file });
	return { dir, path: join(dir, 'mlruns') };
}
