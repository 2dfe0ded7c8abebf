import type { RawExperiment } from './source-reader.ts';

/** The snapshot form of an experiment (validated by ExperimentSchema before writing). */
export function normaliseExperiment(raw: RawExperiment, slug: string, runCount: number) {
	const note = raw.tags['mlflow.note.content'];
	return {
		id: raw.id,
		slug,
		name: raw.name,
		lifecycleStage: raw.lifecycleStage,
		creationTime: raw.creationTime,
		lastUpdateTime: raw.lastUpdateTime,
		description: note === undefined || note === '' ? null : note,
		tags: raw.tags,
		runCount,
	};
}

/** Orders ids as numbers when both are digit strings (SQL and file-store ids), else as text. */
export function compareIds(a: string, b: string): number {
	const digits = /^\d+$/;
	if (digits.test(a) && digits.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
	return a < b ? -1 : a > b ? 1 : 0;
}
