import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Vega-Lite → SVG rendering on worker threads, one per available core, so a cold build renders
 * charts on every core while the main thread goes on rendering pages (Astro renders pages on one
 * thread). The workers start on the first chart that is not cached, so a warm build starts none;
 * each loads vega and vega-lite once. A worker holds the event loop open only while it has work.
 *
 * The worker's source is inline (`eval`) rather than a file: this module is bundled by Vite into
 * the project's build, where a sibling worker file would not be where `import.meta.url` says.
 */

/** What a worker sends back for one spec. */
export interface RenderResult {
	/** The SVG exactly as Vega wrote it. */
	svg: string;
	/** What Vega-Lite and Vega warned about while compiling and rendering, in order. */
	messages: Array<['warn' | 'error', string]>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const modules = Promise.all([import(workerData.vega), import(workerData.vegaLite)]);
parentPort.on('message', async ({ id, spec }) => {
	const messages = [];
	let level = 0;
	const logger = {
		level(l) { if (l === undefined) return level; level = l; return logger; },
		error: (...a) => (messages.push(['error', a.map(String).join(' ')]), logger),
		warn: (...a) => (messages.push(['warn', a.map(String).join(' ')]), logger),
		info: () => logger,
		debug: () => logger,
	};
	try {
		const [{ parse, View }, { compile }] = await modules;
		const view = new View(parse(compile(spec, { logger }).spec), { renderer: 'none', logger, logLevel: 0 });
		const svg = await view.toSVG();
		view.finalize();
		parentPort.postMessage({ id, svg, messages });
	} catch (error) {
		parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error), messages });
	}
});
`;

interface Job {
	resolve: (result: RenderResult) => void;
	reject: (error: Error) => void;
}

interface PoolWorker {
	worker: Worker;
	jobs: Map<number, Job>;
}

let pool: PoolWorker[] | null = null;
let nextId = 0;

/** Number of render workers: the cores Node may use. */
export const renderWorkerCount = (): number => Math.max(1, availableParallelism());

let paths: { vega: string; vegaLite: string } | null = null;
/** vega and vega-lite as this module resolves them, so workers load the same installed copies. */
function modulePaths(): { vega: string; vegaLite: string } {
	if (paths) return paths;
	const require = createRequire(import.meta.url);
	paths = { vega: pathToFileURL(require.resolve('vega')).href, vegaLite: pathToFileURL(require.resolve('vega-lite')).href };
	return paths;
}

function startWorker(): PoolWorker {
	const entry: PoolWorker = { worker: new Worker(WORKER_SOURCE, { eval: true, workerData: modulePaths() }), jobs: new Map() };
	entry.worker.unref();
	entry.worker.on('message', (message: { id: number; svg?: string; error?: string; messages: RenderResult['messages'] }) => {
		const job = entry.jobs.get(message.id);
		if (!job) return;
		entry.jobs.delete(message.id);
		if (entry.jobs.size === 0) entry.worker.unref();
		if (message.error !== undefined) job.reject(Object.assign(new Error(message.error), { messages: message.messages }));
		else job.resolve({ svg: message.svg!, messages: message.messages });
	});
	// A worker that dies fails what it held; the next chart starts a fresh one in its place.
	const fail = (error: Error) => {
		for (const job of entry.jobs.values()) job.reject(error);
		entry.jobs.clear();
		if (pool) pool = pool.filter((w) => w !== entry);
	};
	entry.worker.on('error', fail);
	entry.worker.on('exit', (code) => fail(new Error(`The chart render worker stopped with exit code ${code}.`)));
	return entry;
}

/**
 * Renders `spec` to SVG on the least busy worker.
 * @throws Error with Vega-Lite's or Vega's message when the spec cannot be compiled or rendered.
 */
export function renderInPool(spec: TopLevelSpec): Promise<RenderResult> {
	pool ??= [];
	while (pool.length < renderWorkerCount()) pool.push(startWorker());
	const target = pool.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
	const id = nextId++;
	return new Promise<RenderResult>((resolve, reject) => {
		target.jobs.set(id, { resolve, reject });
		target.worker.ref();
		target.worker.postMessage({ id, spec });
	});
}

/** Thread ids of the running render workers (none before the first uncached chart). */
export const renderPoolThreadIds = (): number[] => (pool ?? []).map((w) => w.worker.threadId);

/** Stops the workers (tests; a build ends with its process). */
export async function closeRenderPool(): Promise<void> {
	const workers = pool ?? [];
	pool = null;
	await Promise.all(workers.map((w) => w.worker.terminate()));
}
