import { z } from 'astro/zod';

/** Whether a larger value of a metric is better. */
export const DirectionSchema = z.enum(['lower', 'higher']);
export type Direction = z.output<typeof DirectionSchema>;

/** Allowed worsening of one metric between two snapshots; either limit, or both, may be set. */
export const MetricThresholdSchema = z
	.object({
		/** Largest allowed worsening, in the metric's unit. @example 0.01 */
		maxWorsening: z.number().nonnegative().optional(),
		/** Largest allowed worsening, in percent of the base value. @example 5 */
		maxWorseningPct: z.number().nonnegative().optional(),
	})
	.refine((t) => t.maxWorsening !== undefined || t.maxWorseningPct !== undefined, {
		message: 'Set maxWorsening, maxWorseningPct, or both.',
	});
export type MetricThreshold = z.output<typeof MetricThresholdSchema>;

/**
 * The mlpages configuration: the options of the `mlpages()` integration in `astro.config.mjs`.
 * Every field is optional; defaults make the bundled example site.
 */
export const MlpagesConfigSchema = z.object({
	/**
	 * Where to export from when `MLFLOW_TRACKING_URI` is not set: a path to `mlruns/` or a
	 * SQLite file, `sqlite:///…`, `file:…` or an `http(s)://` tracking URI.
	 * @default the bundled example store, `examples/mlflow.db`
	 */
	source: z.string().min(1).optional(),
	/** Snapshot folder. @default "content" */
	contentDir: z.string().min(1).default('content'),
	/** Site title, shown in the header and in every page title. @default "mlpages" */
	title: z.string().min(1).max(200).default('mlpages'),
	/** Charts. */
	charts: z
		.object({
			/** Maximum points per chart series after downsampling (first, last, min and max are kept). */
			maxPoints: z.number().int().min(10).max(100_000).default(1000),
		})
		.default({ maxPoints: 1000 }),
	/** Metrics. */
	metrics: z
		.object({
			/**
			 * Direction per metric key; keys not listed are guessed from the name (`loss`, `error`,
			 * `rmse`, `mae`, ... are lower-is-better).
			 * @example { "val_accuracy": "higher" }
			 */
			direction: z.record(z.string(), DirectionSchema).default({}),
			/**
			 * Primary metric per experiment name (`*` for all), used to rank runs.
			 * @example { "*": "val_loss" }
			 */
			primary: z.record(z.string(), z.string()).default({}),
		})
		.default({ direction: {}, primary: {} }),
	/** `npm run diff`: comparing two snapshots. */
	diff: z
		.object({
			/**
			 * Allowed worsening per metric key; `npm run diff` exits 1 when a tracked metric (of an
			 * aliased model version or an experiment's best run) gets worse by more.
			 * @example { "val_accuracy": { "maxWorsening": 0.01 }, "val_loss": { "maxWorseningPct": 5 } }
			 */
			thresholds: z.record(z.string(), MetricThresholdSchema).default({}),
		})
		.optional(),
});
export type MlpagesConfigInput = z.input<typeof MlpagesConfigSchema>;
export type MlpagesConfig = z.output<typeof MlpagesConfigSchema>;
