/**
 * A fake MLflow tracking server for tests: a real `node:http` server on 127.0.0.1 that serves an
 * in-memory store over MLflow's REST API, in MLflow's dialect or GitLab's (`/api/v4/projects/<id>/
 * ml/mlflow`, one experiment per runs/search, page cap 1000, no model-versions/search, SemVer in
 * `aliases[0]`, registry timestamps in seconds, `{"message": "401 Unauthorized"}`). Faults can be
 * scripted per route, and every request is logged so tests can assert on what the client sent.
 *
 * The store is built from the same plain records the readers return (`src/export/source-reader.ts`),
 * so `loadFromReader()` can feed it any other store for equality tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	RawDataset,
	RawExperiment,
	RawLoggedModel,
	RawMetricPoint,
	RawModelVersion,
	RawRegisteredModel,
	RawRun,
	SourceReader,
} from '../../src/export/source-reader.ts';

/** The in-memory store: plain reader records. */
export interface MlflowStoreData {
	experiments: RawExperiment[];
	runs: RawRun[];
	/** Run id → every point of every key, in history order. */
	metrics: Record<string, RawMetricPoint[]>;
	datasets: RawDataset[];
	loggedModels: RawLoggedModel[];
	registeredModels: RawRegisteredModel[];
	/** Versions by SemVer/number; on GitLab the server invents internal ids for `version`. */
	modelVersions: RawModelVersion[];
	/** Run id → artifact path → content. */
	artifacts: Record<string, Record<string, Uint8Array | string>>;
}

/** A scripted misbehaviour of one answer. */
export type Fault =
	/** Answer with this status and body (default: MLflow-style JSON error). */
	| { kind: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
	/** Never answer (the connection is dropped when the server closes). */
	| { kind: 'hang' }
	/** Answer normally after `ms`. */
	| { kind: 'delay'; ms: number }
	/** Announce the full Content-Length, send half the body, cut the connection. */
	| { kind: 'truncate' }
	/** A complete answer whose JSON text is cut in half (Content-Length matches). */
	| { kind: 'badJson' }
	/** Answer normally, but always with `next_page_token: "loop"`. */
	| { kind: 'repeatToken' };

export interface FaultRule {
	/** Route such as `runs/search`, `metrics/get-history`, `get-artifact`, or `*`. */
	route: string;
	fault: Fault;
	/** How many answers it affects (default 1; `Infinity` for all). */
	times?: number;
	/** Only requests this accepts (e.g. one metric key). */
	match?: (request: LoggedRequest) => boolean;
}

export interface MlflowServerOptions {
	dialect?: 'mlflow' | 'gitlab';
	data?: Partial<MlflowStoreData>;
	/** GitLab project id in the URI (default 42). */
	projectId?: string;
	/** Largest page the server sends for any listing; small values force pagination. */
	pageSize?: number;
	/** Each next page starts this many items before the previous page ended (offset drift). */
	pageOverlap?: number;
	/** Credentials the server requires. */
	auth?: { token: string } | { username: string; password: string };
	/** Send int64 fields as decimal strings, as some servers do. */
	int64AsStrings?: boolean;
	/** GitLab: whether `metrics/get-history` exists (older GitLab lacks it). Default true. */
	history?: boolean;
	/** MLflow: whether `logged-models/search` exists (MLflow 2 lacks it). Default true. */
	loggedModels?: boolean;
	faults?: FaultRule[];
}

export interface LoggedRequest {
	method: string;
	route: string;
	query: Record<string, string[]>;
	body: unknown;
	authorization: string | null;
	status: number;
}

export interface MlflowTestServer {
	/** Tracking URI to give the reader. */
	uri: string;
	requests: LoggedRequest[];
	/** Adds a fault rule after start. */
	fault(rule: FaultRule): void;
	close(): Promise<void>;
}

type Json = Record<string, unknown>;
interface Answer {
	status: number;
	body: Json | Uint8Array | string;
	contentType?: string;
	headers?: Record<string, string>;
}

const HTML_404 = '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n';

/** Starts the server on 127.0.0.1 with a free port. */
export async function startMlflowServer(options: MlflowServerOptions = {}): Promise<MlflowTestServer> {
	const dialect = options.dialect ?? 'mlflow';
	const store = storeOf(options.data ?? {});
	const prefix = dialect === 'gitlab' ? `/api/v4/projects/${options.projectId ?? '42'}/ml/mlflow` : '';
	const faults: Array<FaultRule & { left: number }> = (options.faults ?? []).map((f) => ({ ...f, left: f.times ?? 1 }));
	const requests: LoggedRequest[] = [];
	const timers = new Set<NodeJS.Timeout>();
	const api = new Api(dialect, store, options);

	const server = createServer((req, res) => {
		void handle(req, res).catch((error: unknown) => {
			res.writeHead(500, { 'content-type': 'text/plain' });
			res.end(String(error));
		});
	});

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const raw = await readAll(req);
		let body: unknown = null;
		if (raw.length > 0) {
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				body = raw.toString('utf8');
			}
		}
		const query: Record<string, string[]> = {};
		for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key);
		const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
		const route = path.replace(/^\/api\/2\.0\/mlflow\//, '').replace(/^\//, '');
		const entry: LoggedRequest = { method: req.method ?? 'GET', route, query, body, authorization: req.headers.authorization ?? null, status: 0 };
		requests.push(entry);
		const send = (answer: Answer) => {
			entry.status = answer.status;
			write(res, answer);
		};

		const denied = checkAuth(dialect, options.auth, entry.authorization);
		if (denied !== null) return send(denied);
		const rule = faults.find((f) => f.left > 0 && (f.route === route || f.route === '*') && (f.match?.(entry) ?? true));
		if (rule !== undefined) rule.left -= 1;
		const fault = rule?.fault;
		if (fault?.kind === 'status') {
			const json = fault.body === undefined;
			return send({
				status: fault.status,
				body: fault.body ?? { error_code: 'TEMPORARILY_UNAVAILABLE', message: `Scripted status ${fault.status}` },
				contentType: fault.contentType ?? (json ? 'application/json' : 'text/html; charset=utf-8'),
				...(fault.headers === undefined ? {} : { headers: fault.headers }),
			});
		}
		if (fault?.kind === 'hang') {
			entry.status = -1;
			return;
		}
		const params: Json = req.method === 'POST' && typeof body === 'object' && body !== null ? (body as Json) : flatQuery(query);
		const answer = url.pathname.startsWith(prefix) ? api.route(req.method ?? 'GET', route, params, query) : api.notFound();
		if (fault?.kind === 'repeatToken' && !(answer.body instanceof Uint8Array) && typeof answer.body === 'object') {
			answer.body = { ...answer.body, next_page_token: 'loop' };
		}
		if (fault?.kind === 'delay') {
			const timer = setTimeout(() => {
				timers.delete(timer);
				send(answer);
			}, fault.ms);
			timers.add(timer);
			return;
		}
		if (fault?.kind === 'truncate' || fault?.kind === 'badJson') {
			const text = Buffer.from(JSON.stringify(answer.body));
			const half = text.subarray(0, Math.floor(text.length / 2));
			entry.status = answer.status;
			res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(fault.kind === 'truncate' ? text.length : half.length) });
			if (fault.kind === 'badJson') return res.end(half);
			res.write(half, () => res.socket?.destroy());
			return;
		}
		send(answer);
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		uri: `http://127.0.0.1:${port}${prefix}`,
		requests,
		fault(rule) {
			faults.push({ ...rule, left: rule.times ?? 1 });
		},
		close() {
			for (const timer of timers) clearTimeout(timer);
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

/** Reads everything another reader returns into store records (artifact bytes included). */
export async function loadFromReader(reader: SourceReader): Promise<MlflowStoreData> {
	const data: MlflowStoreData = { experiments: [], runs: [], metrics: {}, datasets: [], loggedModels: [], registeredModels: [], modelVersions: [], artifacts: {} };
	for await (const experiment of reader.experiments()) {
		data.experiments.push(experiment);
		for await (const run of reader.runs(experiment)) {
			data.runs.push(run);
			const points: RawMetricPoint[] = [];
			for await (const point of reader.metricPoints(run)) points.push(point);
			data.metrics[run.id] = points;
			const files: Record<string, Uint8Array> = {};
			for await (const artifact of reader.artifacts(run)) files[artifact.path] = await artifact.read();
			if (Object.keys(files).length > 0) data.artifacts[run.id] = files;
		}
		for await (const dataset of reader.datasets(experiment)) data.datasets.push(dataset);
		for await (const model of reader.loggedModels(experiment)) data.loggedModels.push(model);
	}
	for await (const model of reader.registeredModels()) {
		data.registeredModels.push(model);
		for await (const version of reader.modelVersions(model)) data.modelVersions.push(version);
	}
	return data;
}

function storeOf(data: Partial<MlflowStoreData>): MlflowStoreData {
	return {
		experiments: data.experiments ?? [],
		runs: data.runs ?? [],
		metrics: data.metrics ?? {},
		datasets: data.datasets ?? [],
		loggedModels: data.loggedModels ?? [],
		registeredModels: data.registeredModels ?? [],
		modelVersions: data.modelVersions ?? [],
		artifacts: data.artifacts ?? {},
	};
}

function checkAuth(dialect: string, auth: MlflowServerOptions['auth'], header: string | null): Answer | null {
	if (auth === undefined) return null;
	const expected =
		'token' in auth ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
	if (header === expected) return null;
	if (dialect === 'gitlab') return { status: 401, body: { message: '401 Unauthorized' } };
	return {
		status: 401,
		body: 'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.',
		contentType: 'text/plain',
		headers: { 'www-authenticate': 'Basic realm="mlflow"' },
	};
}

function write(res: ServerResponse, answer: Answer) {
	const bytes =
		answer.body instanceof Uint8Array
			? answer.body
			: Buffer.from(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
	res.writeHead(answer.status, {
		'content-type': answer.contentType ?? (answer.body instanceof Uint8Array ? 'application/octet-stream' : 'application/json'),
		'content-length': String(bytes.byteLength),
		...answer.headers,
	});
	res.end(bytes);
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function flatQuery(query: Record<string, string[]>): Json {
	const out: Json = {};
	for (const [key, values] of Object.entries(query)) out[key] = values.length === 1 ? values[0] : values;
	return out;
}

/** The endpoints, over the store, in one dialect. */
class Api {
	private readonly store: MlflowStoreData;
	private readonly options: MlflowServerOptions;
	private readonly gitlab: boolean;

	constructor(dialect: 'mlflow' | 'gitlab', store: MlflowStoreData, options: MlflowServerOptions) {
		this.store = store;
		this.options = options;
		this.gitlab = dialect === 'gitlab';
	}

	notFound(): Answer {
		return this.gitlab
			? { status: 404, body: { error: '404 Not Found' } }
			: { status: 404, body: HTML_404, contentType: 'text/html; charset=utf-8' };
	}

	private missing(what: string): Answer {
		return { status: 404, body: this.gitlab ? { error_code: 'RESOURCE_DOES_NOT_EXIST' } : { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `${what} not found` } };
	}

	private invalid(message: string): Answer {
		return { status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message } };
	}

	route(method: string, route: string, p: Json, query: Record<string, string[]>): Answer {
		const s = this.store;
		const key = `${method} ${route}`;
		switch (key) {
			case 'POST experiments/search':
			case 'GET experiments/search': {
				if (this.gitlab && method === 'GET') return this.notFound();
				const view = this.gitlab ? 'ALL' : String(p['view_type'] ?? 'ACTIVE_ONLY');
				const items = s.experiments.filter((e) => visible(view, e.lifecycleStage));
				return this.page(items, p, 'experiments', this.gitlab ? [200, 1000] : [1000, 50_000], (e) => this.experiment(e));
			}
			case 'POST runs/search': {
				const ids = (p['experiment_ids'] as unknown[] | undefined) ?? [];
				if (ids.length === 0) return this.invalid('experiment_ids is required');
				const wanted = this.gitlab ? [String(ids[0])] : ids.map(String);
				const view = this.gitlab ? 'ACTIVE_ONLY' : String(p['run_view_type'] ?? 'ACTIVE_ONLY');
				const items = s.runs.filter((r) => wanted.includes(r.experimentId) && visible(view, r.lifecycleStage));
				return this.page(items, p, 'runs', this.gitlab ? [200, 1000] : [1000, 50_000], (r) => this.run(r));
			}
			case 'GET runs/get': {
				const run = s.runs.find((r) => r.id === p['run_id']);
				return run === undefined ? this.missing('Run') : { status: 200, body: { run: this.run(run) } };
			}
			case 'GET metrics/get-history': {
				if (this.gitlab && this.options.history === false) return this.notFound();
				const run = s.runs.find((r) => r.id === p['run_id']);
				if (run === undefined) return this.missing('Run');
				const points = (s.metrics[run.id] ?? []).filter((m) => m.key === p['metric_key']);
				const ordered = this.gitlab ? [...points].sort((a, b) => a.step - b.step) : points;
				if (!this.gitlab && p['max_results'] === undefined) return { status: 200, body: { metrics: ordered.map((m) => this.metric(m)) } };
				return this.page(ordered, p, 'metrics', this.gitlab ? [1000, 1000] : [25_000, 25_000], (m) => this.metric(m));
			}
			case 'GET registered-models/search':
				return this.page(s.registeredModels, p, 'registered_models', this.gitlab ? [200, 1000] : [100, 1000], (m) => this.model(m));
			case 'GET registered-models/get': {
				const model = s.registeredModels.find((m) => m.name === p['name']);
				return model === undefined ? this.missing('Registered model') : { status: 200, body: { registered_model: this.model(model) } };
			}
			case 'GET model-versions/search': {
				if (this.gitlab) return this.notFound();
				const name = /^name\s*=\s*(['"])(.*)\1$/.exec(String(p['filter'] ?? ''))?.[2];
				const items = s.modelVersions.filter((v) => (name === undefined || v.name === name) && v.stage !== 'Deleted_Internal');
				return this.page(items, p, 'model_versions', [200_000, 200_000], (v) => this.version(v));
			}
			case 'POST logged-models/search': {
				if (this.gitlab || this.options.loggedModels === false) return this.notFound();
				const ids = ((p['experiment_ids'] as unknown[] | undefined) ?? []).map(String);
				const items = s.loggedModels.filter((m) => ids.includes(m.experimentId) && m.lifecycleStage === 'active');
				return this.page(items, p, 'models', [50, 1000], (m) => this.loggedModel(m));
			}
			case 'GET artifacts/list':
				return this.gitlab ? this.notFound() : this.listArtifacts(String(p['run_id'] ?? ''), query['path']?.[0] ?? '');
			case 'GET get-artifact': {
				if (this.gitlab) return this.notFound();
				const content = s.artifacts[String(p['run_uuid'] ?? '')]?.[String(p['path'] ?? '')];
				if (content === undefined) return this.missing('Artifact');
				return { status: 200, body: typeof content === 'string' ? Buffer.from(content) : content };
			}
			default:
				return this.notFound();
		}
	}

	/** One page of `items`: offset tokens (MLflow) or opaque cursors (GitLab), sizes clamped. */
	private page<T>(items: T[], p: Json, field: string, [byDefault, cap]: [number, number], encode: (t: T) => Json): Answer {
		const asked = p['max_results'] === undefined ? byDefault : Number(p['max_results']);
		if (!this.gitlab && asked > cap) return this.invalid(`Invalid value ${asked} for parameter 'max_results' supplied`);
		const size = Math.max(1, Math.min(asked, cap, this.options.pageSize ?? Number.POSITIVE_INFINITY));
		const token = typeof p['page_token'] === 'string' && p['page_token'] !== '' ? p['page_token'] : null;
		let offset = 0;
		// The repeated token of the `repeatToken` fault reads as the first page again.
		if (token !== null && token !== 'loop') {
			try {
				offset = (JSON.parse(Buffer.from(token.replace(/^cursor:/, ''), 'base64').toString('utf8')) as { offset: number }).offset;
			} catch {
				return this.invalid('Invalid page token');
			}
		}
		const end = offset + size;
		const body: Json = { [field]: items.slice(offset, end).map(encode) };
		if (end < items.length) {
			// Offset drift repeats records of listings; a history only grows at its end.
			const overlap = field === 'metrics' ? 0 : Math.min(this.options.pageOverlap ?? 0, size - 1);
			const next = Buffer.from(JSON.stringify({ offset: end - overlap })).toString('base64');
			body['next_page_token'] = this.gitlab ? `cursor:${next}` : next;
		}
		return { status: 200, body };
	}

	private int(value: number | null): number | string | undefined {
		if (value === null) return undefined;
		return this.options.int64AsStrings === true ? String(value) : value;
	}

	private experiment(e: RawExperiment): Json {
		if (this.gitlab) return clean({ experiment_id: e.id, name: e.name, artifact_location: 'not_implemented', lifecycle_stage: e.lifecycleStage, tags: pairs(e.tags) });
		return clean({
			experiment_id: e.id,
			name: e.name,
			artifact_location: e.artifactLocation ?? undefined,
			lifecycle_stage: e.lifecycleStage,
			creation_time: this.int(e.creationTime),
			last_update_time: this.int(e.lastUpdateTime),
			tags: pairs(e.tags),
		});
	}

	metric(m: RawMetricPoint): Json {
		return { key: m.key, value: encodeDouble(m.value), timestamp: this.int(m.timestamp), step: this.int(m.step) };
	}

	private run(r: RawRun): Json {
		const all = this.store.metrics[r.id] ?? [];
		if (this.gitlab) {
			return {
				info: clean({ run_id: r.id, run_uuid: r.id, experiment_id: r.experimentId, start_time: this.int(r.startTime ?? 0), end_time: this.int(r.endTime), run_name: r.name ?? undefined, status: r.status, artifact_uri: r.artifactUri ?? '', lifecycle_stage: 'active', user_id: r.userId ?? '' }),
				data: { metrics: all.map((m) => this.metric(m)), params: pairs(r.params), tags: pairs(r.tags) },
			};
		}
		const latest = r.latestMetrics ?? latestOf(all);
		const datasets = new Map(this.store.datasets.map((d) => [`${d.experimentId}/${d.id}`, d]));
		const inputs = r.inputs.flatMap((input) => {
			const d = datasets.get(`${r.experimentId}/${input.datasetId}`);
			if (d === undefined) return [];
			return [clean({
				tags: input.context === null ? undefined : [{ key: 'mlflow.data.context', value: input.context }],
				dataset: clean({ name: d.name, digest: d.digest, source_type: d.sourceType, source: d.source, schema: d.schema ?? undefined, profile: d.profile ?? undefined }),
			})];
		});
		return clean({
			info: clean({ run_id: r.id, run_uuid: r.id, run_name: r.name ?? undefined, experiment_id: r.experimentId, user_id: r.userId ?? undefined, status: r.status, start_time: this.int(r.startTime), end_time: r.endTime ? this.int(r.endTime) : undefined, artifact_uri: r.artifactUri ?? undefined, lifecycle_stage: r.lifecycleStage }),
			data: clean({ metrics: Object.values(latest).map((m) => this.metric(m)), params: pairs(r.params), tags: pairs(r.tags) }),
			inputs: inputs.length === 0 ? undefined : { dataset_inputs: inputs },
			outputs: r.outputModelIds.length === 0 ? undefined : { model_outputs: r.outputModelIds.map((model_id) => ({ model_id, step: 0 })) },
		});
	}

	private model(m: RawRegisteredModel): Json {
		const versions = this.store.modelVersions.filter((v) => v.name === m.name);
		if (this.gitlab) {
			return clean({ name: m.name, creation_timestamp: this.int(seconds(m.creationTime)), last_updated_timestamp: this.int(seconds(m.lastUpdatedTime)), description: m.description ?? '', user_id: '1', tags: pairs(m.tags), latest_versions: versions.map((v) => this.version(v)) });
		}
		const latestPerStage = new Map<string, RawModelVersion>();
		for (const v of versions) {
			const held = latestPerStage.get(v.stage);
			if (v.stage !== 'Deleted_Internal' && (held === undefined || Number(v.version) > Number(held.version))) latestPerStage.set(v.stage, v);
		}
		return clean({
			name: m.name,
			creation_timestamp: this.int(m.creationTime),
			last_updated_timestamp: this.int(m.lastUpdatedTime),
			description: m.description ?? undefined,
			tags: pairs(m.tags),
			aliases: Object.entries(m.aliases).map(([alias, version]) => ({ alias, version })),
			latest_versions: [...latestPerStage.values()].map((v) => this.version(v)),
		});
	}

	private version(v: RawModelVersion): Json {
		if (this.gitlab) {
			const internalId = 1000 + this.store.modelVersions.indexOf(v);
			return { name: v.name, version: String(internalId), creation_timestamp: this.int(seconds(v.creationTime)), last_updated_timestamp: this.int(seconds(v.lastUpdatedTime)), user_id: null, current_stage: 'development', description: v.description ?? '', source: v.source ?? `https://gitlab.example/group/project/-/ml/models/1/versions/${internalId}`, run_id: v.runId, status: 'READY', status_message: '', tags: pairs(v.tags) ?? [], run_link: '', aliases: [v.version] };
		}
		const model = this.store.registeredModels.find((m) => m.name === v.name);
		const aliases = Object.entries(model?.aliases ?? {}).filter(([, version]) => version === v.version).map(([alias]) => alias);
		return clean({ name: v.name, version: v.version, creation_timestamp: this.int(v.creationTime), last_updated_timestamp: this.int(v.lastUpdatedTime), user_id: v.userId ?? undefined, current_stage: v.stage, description: v.description ?? undefined, source: v.source ?? undefined, run_id: v.runId ?? undefined, status: v.status, tags: pairs(v.tags), aliases: aliases.length === 0 ? undefined : aliases });
	}

	private loggedModel(m: RawLoggedModel): Json {
		const status = { UNSPECIFIED: 'LOGGED_MODEL_STATUS_UNSPECIFIED', PENDING: 'LOGGED_MODEL_PENDING', READY: 'LOGGED_MODEL_READY', FAILED: 'LOGGED_MODEL_UPLOAD_FAILED' }[m.status];
		return {
			info: clean({ model_id: m.id, experiment_id: m.experimentId, name: m.name, creation_timestamp_ms: this.int(m.creationTime), status, model_type: m.modelType ?? undefined, source_run_id: m.sourceRunId ?? undefined, tags: pairs(m.tags) }),
			data: clean({
				params: pairs(m.params),
				metrics: m.metrics.length === 0 ? undefined : m.metrics.map((x) => clean({ ...this.metric(x), dataset_name: x.datasetName ?? undefined, dataset_digest: x.datasetDigest ?? undefined })),
			}),
		};
	}

	private listArtifacts(runId: string, dir: string): Answer {
		const files = this.store.artifacts[runId];
		if (files === undefined) return { status: 200, body: { root_uri: `mlflow-artifacts:/${runId}/artifacts` } };
		const prefix = dir === '' ? '' : `${dir}/`;
		const children = new Map<string, Json>();
		for (const [path, content] of Object.entries(files)) {
			if (!path.startsWith(prefix)) continue;
			const rest = path.slice(prefix.length);
			const slash = rest.indexOf('/');
			if (slash >= 0) children.set(prefix + rest.slice(0, slash), { path: prefix + rest.slice(0, slash), is_dir: true });
			else children.set(path, { path, is_dir: false, file_size: this.int(typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength) });
		}
		const list = [...children.values()];
		return { status: 200, body: clean({ root_uri: `mlflow-artifacts:/${runId}/artifacts`, files: list.length === 0 ? undefined : list }) };
	}
}

function visible(view: string, stage: string): boolean {
	return view === 'ALL' || (view === 'DELETED_ONLY' ? stage === 'deleted' : stage === 'active');
}

function encodeDouble(value: number): number | string {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Number.POSITIVE_INFINITY) return 'Infinity';
	if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
	return value;
}

function seconds(ms: number | null): number | null {
	return ms === null ? null : Math.floor(ms / 1000);
}

/** MLflow omits empty lists; `[{key, value}]` otherwise. */
function pairs(record: Record<string, string>): Array<{ key: string; value: string }> | undefined {
	const list = Object.entries(record).map(([key, value]) => ({ key, value }));
	return list.length === 0 ? undefined : list;
}

/** Drops undefined fields, as protobuf JSON omits unset ones. */
function clean(o: Json): Json {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function latestOf(points: RawMetricPoint[]): Record<string, RawMetricPoint> {
	const out: Record<string, RawMetricPoint> = {};
	for (const p of points) {
		const held = out[p.key];
		if (held === undefined || p.step > held.step || (p.step === held.step && (p.timestamp > held.timestamp || (p.timestamp === held.timestamp && p.value > held.value)))) out[p.key] = p;
	}
	return out;
}
