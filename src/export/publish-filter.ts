import { metricDirection } from '../lib/metric-direction.ts';
import type { Direction } from '../schemas/config.ts';
import type { PublishConfig } from '../schemas/config.ts';
import { globToRegExp } from './redact.ts';
import type { RawModelVersion, RawRegisteredModel, RawRun, SourceReader } from './source-reader.ts';

/** Why a run is not published, or null when it is. */
export type RunVerdict = 'filtered' | null;

/**
 * The publishing controls of the configuration (`publish`), as predicates the exporter asks
 * record by record. Experiments are matched by whole name against case-sensitive globs.
 */
export class PublishFilter {
	readonly #config: PublishConfig;
	readonly #include: RegExp[];
	readonly #exclude: RegExp[];
	readonly #statuses: ReadonlySet<string> | null;

	constructor(config: PublishConfig) {
		this.#config = config;
		this.#include = config.experiments.include.map((g) => globToRegExp(g, ''));
		this.#exclude = config.experiments.exclude.map((g) => globToRegExp(g, ''));
		this.#statuses = config.statuses ? new Set(config.statuses) : null;
	}

	/** Whether an experiment of this name is published. */
	experiment(name: string): boolean {
		return this.#include.some((r) => r.test(name)) && !this.#exclude.some((r) => r.test(name));
	}

	/** Whether a (not deleted) run passes the status and opt-in controls. */
	run(raw: RawRun): boolean {
		if (this.#statuses && !this.#statuses.has(raw.status)) return false;
		return this.#optedIn(raw.tags);
	}

	/** Whether a registered model is published as a whole (opt-in: the model is tagged). */
	model(model: RawRegisteredModel): boolean {
		return this.#optedIn(model.tags);
	}

	/** Whether a version of a model that is not tagged as a whole is published. */
	version(version: RawModelVersion): boolean {
		return this.#optedIn(version.tags);
	}

	get optIn(): boolean {
		return this.#config.optIn !== false;
	}

	#optedIn(tags: Readonly<Record<string, string>>): boolean {
		const optIn = this.#config.optIn;
		return optIn === false || tags[optIn.tag]?.trim().toLowerCase() === 'true';
	}

	/**
	 * The runs to keep under `maxRunsPerExperiment` (all when unset): the best `count` by the last
	 * value (highest step, then newest) of metric `by`, taken from the store's latest metrics or,
	 * when the store keeps none, from the history. Runs without a finite value come last; ties by id.
	 */
	async limit(runs: readonly RawRun[], reader: SourceReader, directions: Readonly<Record<string, Direction>>): Promise<Set<string>> {
		const max = this.#config.maxRunsPerExperiment;
		if (!max || runs.length <= max.count) return new Set(runs.map((r) => r.id));
		const direction = max.order === 'min' ? 'lower' : max.order === 'max' ? 'higher' : metricDirection(max.by, directions);
		const scored: Array<{ id: string; value: number }> = [];
		for (const run of runs) scored.push({ id: run.id, value: await lastValue(run, max.by, reader) });
		const rank = (v: number) => (Number.isFinite(v) ? (direction === 'lower' ? v : -v) : Infinity);
		scored.sort((a, b) => rank(a.value) - rank(b.value) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		return new Set(scored.slice(0, max.count).map((s) => s.id));
	}
}

async function lastValue(run: RawRun, key: string, reader: SourceReader): Promise<number> {
	if (run.latestMetrics) return run.latestMetrics[key]?.value ?? NaN;
	let best: { step: number; timestamp: number; value: number } | null = null;
	for await (const p of reader.metricPoints(run)) {
		if (p.key !== key) continue;
		if (!best || p.step > best.step || (p.step === best.step && p.timestamp >= best.timestamp)) best = p;
	}
	return best?.value ?? NaN;
}
