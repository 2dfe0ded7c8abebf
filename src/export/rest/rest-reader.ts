import { ExportError, RestNotFound, RestRequestFailed, UsageError, exportError } from '../../errors.ts';
import { MlflowHttpError, isMlflowRequestError } from './http-errors.ts';
import { createMlflowHttpClient } from './mlflow-http-client.ts';
import { restArtifacts } from './rest-artifacts.ts';
import { restCredentials, type RestCredentialEnv } from './rest-auth.ts';
import { API, decodeOrWarn, guarded, idField, listAll, type RestContext } from './rest-context.ts';
import { decodeExperiment, decodeRun } from './rest-decode-tracking.ts';
import { restMetricPoints } from './rest-metric-points.ts';
import { restLoggedModels, restModelVersions, restRegisteredModels } from './rest-registry.ts';
import { parseTrackingUri } from './rest-tracking-uri.ts';
import type { RawDataset, RawExperiment, RawRun, ReaderOptions, SourceReader } from '../source-reader.ts';

export interface RestReaderOptions extends ReaderOptions {
	/** HTTP client; `globalThis.fetch` by default. */
	fetch?: typeof globalThis.fetch;
	/** Where `MLFLOW_TRACKING_TOKEN`, `MLFLOW_TRACKING_USERNAME`/`PASSWORD` are read; `process.env` by default. */
	env?: RestCredentialEnv;
	/** Waits between retries; a real timer by default, a recorder in tests. */
	sleep?: (ms: number) => Promise<void>;
	/** Uniform in [0, 1) for backoff jitter; `Math.random` by default. */
	random?: () => number;
	/** Epoch ms, to read `Retry-After` dates; `Date.now` by default. */
	now?: () => number;
	/** Limit of one request attempt in ms, body included (MLflow's default: 120 s). */
	timeoutMs?: number;
	/** Retries of a failed request (MLflow's default: 7). */
	maxRetries?: number;
	/** Longest `Retry-After` waited for, in ms (60 s); a longer one fails the request. */
	retryAfterCapMs?: number;
	/** Requests in flight at once (4). */
	concurrency?: number;
	/** Largest JSON answer accepted, in bytes (256 MiB). */
	maxResponseBytes?: number;
	/** Artifact bytes one export may list for download, all runs together (256 MiB). */
	maxArtifactBytes?: number;
}

/** `runs/search` and `experiments/search` page size: GitLab's cap, and MLflow's default. */
const SEARCH_PAGE = 1000;
const MIB = 1024 * 1024;

/**
 * Opens an MLflow tracking server, or GitLab's MLflow API (a URI shaped
 * `https://<gitlab>/api/v4/projects/<id>/ml/mlflow`), for reading. One request is made to check
 * that the server answers and accepts the credentials.
 * @throws ExportError `MlflowRestUnauthorized`/`MlflowGitlabUnauthorized` (401, GitLab 403),
 *   `MlflowRestNotFound`, `MlflowRestRequestFailed`, or `MlpagesUsage` for a URI that is not http(s).
 */
export async function openRestReader(uri: string, options: RestReaderOptions): Promise<SourceReader> {
	let parsed: ReturnType<typeof parseTrackingUri>;
	try {
		parsed = parseTrackingUri(uri);
	} catch {
		throw exportError(UsageError, 'The tracking URI is not an absolute http:// or https:// URL.');
	}
	const credentials = restCredentials(options.env ?? process.env, parsed.userInfo);
	const client = createMlflowHttpClient({
		base: parsed.base,
		dialect: parsed.kind,
		credentials,
		fetch: options.fetch ?? globalThis.fetch,
		sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
		random: options.random ?? Math.random,
		now: options.now ?? Date.now,
		timeoutMs: options.timeoutMs ?? 120_000,
		maxRetries: options.maxRetries ?? 7,
		retryAfterCapMs: options.retryAfterCapMs ?? 60_000,
		concurrency: options.concurrency ?? 4,
		maxResponseBytes: options.maxResponseBytes ?? 256 * MIB,
	});
	const ctx: RestContext = { client, dialect: parsed.kind, warn: options.warn };
	await probe(ctx);

	const history = { missingEndpoint: false };
	const registry = { listedVersions: new Map<string, unknown[]>(), loggedModels: true };
	const budget = { remaining: options.maxArtifactBytes ?? 256 * MIB };
	const datasetsByExperiment = new Map<string, Map<string, RawDataset>>();
	// Datasets are only known from run inputs. When datasets() comes first, the runs it read are
	// kept for the next runs() of that experiment, so runs/search is not paged through twice.
	const runsRead = new Map<string, RawRun[]>();

	async function* runs(experiment: RawExperiment): AsyncGenerator<RawRun> {
		const kept = runsRead.get(experiment.id);
		if (kept !== undefined) {
			runsRead.delete(experiment.id);
			yield* kept;
			return;
		}
		const path = `${API}runs/search`;
		const where = client.describe('POST', path);
		const params: Record<string, unknown> = { experiment_ids: [experiment.id], max_results: SEARCH_PAGE };
		if (ctx.dialect === 'rest') params['run_view_type'] = 'ALL';
		const datasets = new Map<string, RawDataset>();
		for await (const item of listAll(ctx, 'POST', path, params, 'runs', idField('info', 'run_id'))) {
			const decoded = decodeOrWarn(ctx, 'run', where, () => decodeRun(item, ctx.dialect));
			if (decoded === null) continue;
			for (const d of decoded.datasets) if (!datasets.has(d.id)) datasets.set(d.id, d);
			yield decoded.run;
		}
		datasetsByExperiment.set(experiment.id, datasets);
	}

	return {
		source: { kind: parsed.kind, uri: parsed.displayUri },
		experiments: () =>
			guarded(
				(async function* () {
					const path = `${API}experiments/search`;
					const where = client.describe('POST', path);
					const params = { max_results: SEARCH_PAGE, view_type: 'ALL' };
					for await (const item of listAll(ctx, 'POST', path, params, 'experiments', idField('experiment_id'))) {
						const experiment = decodeOrWarn(ctx, 'experiment', where, () => decodeExperiment(item));
						if (experiment !== null) yield experiment;
					}
				})(),
			),
		runs: (experiment) => guarded(runs(experiment)),
		metricPoints: (run) => guarded(restMetricPoints(ctx, history, run, options.concurrency ?? 4)),
		datasets: (experiment) =>
			guarded(
				(async function* () {
					if (!datasetsByExperiment.has(experiment.id)) {
						const list: RawRun[] = [];
						for await (const run of runs(experiment)) list.push(run);
						runsRead.set(experiment.id, list);
					}
					yield* datasetsByExperiment.get(experiment.id)?.values() ?? [];
				})(),
			),
		loggedModels: (experiment) => guarded(restLoggedModels(ctx, registry, experiment)),
		registeredModels: () => guarded(restRegisteredModels(ctx, registry)),
		modelVersions: (model) => guarded(restModelVersions(ctx, registry, model)),
		artifacts: (run) => guarded(restArtifacts(ctx, budget, run)),
		async close() {
			runsRead.clear();
		},
	};
}

/** One small `experiments/search`: fails early, with the right message, on a wrong URI or token. */
async function probe(ctx: RestContext): Promise<void> {
	const path = `${API}experiments/search`;
	try {
		await ctx.client.json('POST', path, { max_results: 1, view_type: 'ALL' });
	} catch (error) {
		if (error instanceof MlflowHttpError && error.status === 404) {
			const entry = RestNotFound;
			throw new ExportError(entry, entry.message(ctx.client.describe('POST', path), ctx.dialect === 'gitlab'), { cause: error });
		}
		if (isMlflowRequestError(error)) {
			throw new ExportError(RestRequestFailed, RestRequestFailed.message(error.message), { cause: error });
		}
		throw error;
	}
}
