import { z } from 'astro/zod';
import { DirectionSchema, MetricThresholdSchema } from './config.ts';
import { RunStatusSchema } from './run.ts';

/** Version of the diff JSON; bump it when a reader of the diff must change. */
export const DIFF_SCHEMA_VERSION = 1;

/** One side of a comparison: a snapshot folder or a git ref. */
export const DiffSideSchema = z.object({
	/** What the user passed, e.g. `main`, `origin/main:content` or `content`. */
	label: z.string(),
	/** `folder` for a snapshot on disk, `git` for one read from a commit. */
	kind: z.enum(['folder', 'git']),
	/** The snapshot's `manifest.json` `dataThrough`: newest data, epoch milliseconds. */
	dataThrough: z.number().int().nullable(),
});
export type DiffSide = z.output<typeof DiffSideSchema>;

/** A run as the diff names it, with what is needed to link to it. */
export const DiffRunSchema = z.object({
	/** Run id (`/runs/<id>/`). */
	id: z.string(),
	/** Run name; null when the run has none. */
	name: z.string().nullable(),
	/** Experiment id. */
	experimentId: z.string(),
	/** Experiment name; null when the experiment file is missing. */
	experimentName: z.string().nullable(),
	/** Experiment slug (`/experiments/<slug>/`); null when the experiment file is missing. */
	experimentSlug: z.string().nullable(),
	/** Status on the side the run is taken from (head, or base for removed runs). */
	status: RunStatusSchema,
});
export type DiffRun = z.output<typeof DiffRunSchema>;

/** A value before or after a change: a string (params, tags, status, non-finite metrics) or a number. */
const ChangeValueSchema = z.union([z.string(), z.number()]).nullable();

/** One field of a run that differs between base and head. */
export const RunFieldChangeSchema = z.object({
	/** Which part of the run changed. */
	field: z.enum(['status', 'endTime', 'param', 'tag', 'metric']),
	/** Param, tag or metric key; null for `status` and `endTime`. */
	key: z.string().nullable(),
	/** Value in base (metric: latest value); null when absent. */
	before: ChangeValueSchema,
	/** Value in head (metric: latest value); null when absent. */
	after: ChangeValueSchema,
});
export type RunFieldChange = z.output<typeof RunFieldChangeSchema>;

/** A run present on both sides whose status, end time, params, tags or metric summaries differ. */
export const DiffRunChangeSchema = DiffRunSchema.extend({
	/** The changes, status first, then end time, params, tags and metrics, keys sorted. */
	changes: z.array(RunFieldChangeSchema),
});
export type DiffRunChange = z.output<typeof DiffRunChangeSchema>;

/** A model version added or removed. */
export const DiffModelVersionSchema = z.object({
	/** Registered model name. */
	model: z.string(),
	/** Model slug (`/models/<slug>/<version>/`). */
	modelSlug: z.string(),
	/** Version. */
	version: z.string(),
	/** Source run id; null when not linked to a run. */
	runId: z.string().nullable(),
	/** Aliases on this version, sorted. */
	aliases: z.array(z.string()),
});
export type DiffModelVersion = z.output<typeof DiffModelVersionSchema>;

/** An alias that points somewhere else in head than in base. */
export const DiffAliasMoveSchema = z.object({
	model: z.string(),
	modelSlug: z.string(),
	alias: z.string(),
	/** Version in base; null when the alias is new. */
	from: z.string().nullable(),
	/** Version in head; null when the alias was removed. */
	to: z.string().nullable(),
});
export type DiffAliasMove = z.output<typeof DiffAliasMoveSchema>;

/** Where a compared metric value comes from on one side. */
export const DeltaEndSchema = z.object({
	/** Latest value of the metric; null when the metric, run or version is absent or not finite. */
	value: z.number().nullable(),
	/** Run the value comes from; null when none. */
	runId: z.string().nullable(),
	/** Model version the run belongs to (alias deltas); null otherwise. */
	version: z.string().nullable(),
});
export type DeltaEnd = z.output<typeof DeltaEndSchema>;

/** How a tracked metric moved: for an aliased model version, or for an experiment's best run. */
export const MetricDeltaSchema = z.object({
	/** `alias`: the source run of the version an alias points to; `best-run`: an experiment's best run. */
	kind: z.enum(['alias', 'best-run']),
	/** Readable subject, e.g. `penguins-classifier@champion` or `best run of penguins`. */
	subject: z.string(),
	/** Model slug (alias deltas); null otherwise. */
	modelSlug: z.string().nullable(),
	/** Alias (alias deltas); null otherwise. */
	alias: z.string().nullable(),
	/** Experiment id (best-run deltas); null otherwise. */
	experimentId: z.string().nullable(),
	/** Experiment slug (best-run deltas); null otherwise. */
	experimentSlug: z.string().nullable(),
	/** Metric key. */
	metric: z.string(),
	/**
	 * Whether lower or higher is better: configured (`metrics.direction`), else known from the
	 * name (`loss`, `accuracy`, …); null when unknown, and then the delta is never judged.
	 */
	direction: DirectionSchema.nullable(),
	base: DeltaEndSchema,
	head: DeltaEndSchema,
	/** head − base; null unless both are numbers. */
	delta: z.number().nullable(),
	/** delta / |base| × 100; null unless both are numbers and base is not 0. */
	deltaPct: z.number().nullable(),
	/**
	 * `added`/`removed` when one side has no value; else `better`/`worse` by a known direction,
	 * `changed` when the direction is unknown, or `same`.
	 */
	outcome: z.enum(['better', 'worse', 'changed', 'same', 'added', 'removed']),
	/** The threshold for this metric; null when none is configured. */
	threshold: MetricThresholdSchema.nullable(),
	/**
	 * `fail` when the worsening exceeds the threshold (or the metric has a threshold but no known
	 * direction, so worsening cannot be told), `pass` otherwise; null without a threshold.
	 */
	verdict: z.enum(['pass', 'fail']).nullable(),
});
export type MetricDelta = z.output<typeof MetricDeltaSchema>;

/** What `npm run diff` writes with `--json`, and what `/changes/` renders (env `MLPAGES_DIFF`). */
export const SnapshotDiffSchema = z.object({
	/** DIFF_SCHEMA_VERSION. */
	schemaVersion: z.number().int(),
	base: DiffSideSchema,
	head: DiffSideSchema,
	/** Number of entries in each list below. */
	counts: z.object({
		runsAdded: z.number().int().nonnegative(),
		runsRemoved: z.number().int().nonnegative(),
		runsChanged: z.number().int().nonnegative(),
		versionsAdded: z.number().int().nonnegative(),
		versionsRemoved: z.number().int().nonnegative(),
		aliasMoves: z.number().int().nonnegative(),
		metricDeltas: z.number().int().nonnegative(),
	}),
	runs: z.object({
		/** Runs only in head, sorted by experiment name then start time then id. */
		added: z.array(DiffRunSchema),
		/** Runs only in base, same order. */
		removed: z.array(DiffRunSchema),
		/** Runs on both sides that differ, same order. */
		changed: z.array(DiffRunChangeSchema),
	}),
	models: z.object({
		/** Versions only in head, sorted by model then version (as numbers when they are). */
		versionsAdded: z.array(DiffModelVersionSchema),
		/** Versions only in base, same order. */
		versionsRemoved: z.array(DiffModelVersionSchema),
		/** Aliases whose version differs, sorted by model then alias. */
		aliasMoves: z.array(DiffAliasMoveSchema),
	}),
	/** Tracked metrics whose value or source differs, alias deltas first. */
	metricDeltas: z.array(MetricDeltaSchema),
	/** The threshold gate: `none` when no threshold applies, `fail` when a tracked metric got too much worse. */
	gate: z.object({
		status: z.enum(['none', 'pass', 'fail']),
		/** One sentence per failing metric. */
		failures: z.array(z.string()),
	}),
});
export type SnapshotDiff = z.output<typeof SnapshotDiffSchema>;
