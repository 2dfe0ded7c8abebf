import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Root of the real-store corpus: other people's MLflow stores and model cards, read in place and
 * never copied into the repository. `../shared/fixtures/` beside the repository, or the folder
 * named by `MLPAGES_CORPUS_DIR`.
 */
export const CORPUS = resolve(process.env['MLPAGES_CORPUS_DIR'] ?? resolve(import.meta.dirname, '../../../../shared/fixtures'));

/** The corpus's MLflow stores. */
export const FIXTURES = join(CORPUS, 'mlflow');

/**
 * The path of a store of the corpus. A missing one fails the test (in CI and locally alike), so
 * a run without the corpus can never pass silently.
 */
export function fixture(rel: string): string {
	const path = join(FIXTURES, rel);
	if (!existsSync(path)) {
		throw new Error(`Fixture ${rel} is missing under ${FIXTURES}${process.env['CI'] ? ' (CI is set: fixtures are required)' : ''}.`);
	}
	return path;
}

/** Every SQLite store of the corpus, with the counts of its INDEX.md. */
export const SQLITE_STORES = [
	{ path: 'MadanManav__MLFlow_tutorial_with_hyperopt/mlruns.db', alembic: 'a8c4a736bde6', experiments: 2, runs: 100, deletedRuns: 0, params: 2292, tags: 702, metricRows: 900, registeredModels: 0, modelVersions: 0 },
	{ path: 'PatrickCmd__mlops-zoomcamp/02-experiment-tracking/mlflow.db', alembic: 'bd07f7e963c5', experiments: 2, runs: 67, deletedRuns: 10, params: 507, tags: 275, metricRows: 2668, registeredModels: 1, modelVersions: 3 },
	{ path: 'PatrickCmd__mlops-zoomcamp/02-experiment-tracking/homework/mlflow.db', alembic: 'bd07f7e963c5', experiments: 4, runs: 67, deletedRuns: 10, params: 527, tags: 316, metricRows: 160, registeredModels: 1, modelVersions: 1 },
	{ path: '1412010__nda-mlops-zoomcamp-2024/week-02/mlflow.db', alembic: '5b0e9adcef9c', experiments: 3, runs: 17, deletedRuns: 0, params: 97, tags: 85, metricRows: 272, registeredModels: 1, modelVersions: 1 },
	{ path: 'Ghaith-Saidani__MLflow/mlflow.db', alembic: '0584bdc529eb', experiments: 1, runs: 143, deletedRuns: 137, params: 105, tags: 729, metricRows: 112, registeredModels: 1, modelVersions: 25 },
	{ path: 'Yeabtssega__Credit-risk-model/mlflow.db', alembic: 'bda7b8c39065', experiments: 1, runs: 0, deletedRuns: 0, params: 0, tags: 0, metricRows: 0, registeredModels: 0, modelVersions: 0 },
	{ path: 'KhuzaimahAziz__thesis_seismology/mlruns.db', alembic: '71994744cf8e', experiments: 2, runs: 8, deletedRuns: 0, params: 32, tags: 32, metricRows: 450, registeredModels: 1, modelVersions: 0 },
] as const;
