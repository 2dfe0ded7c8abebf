import type { DemoStore } from './store-model.ts';

/** Writes the store as an MLflow file store (`mlruns/` layout) into `root`. */
export function writeFileStore(_store: DemoStore, _root: string): void {
	throw new Error('The file-store format is not implemented yet.');
}
