import { z } from 'astro/zod';
import { RunStatusSchema } from './run.ts';

/** Whether a larger value of a metric is better. */
export const DirectionSchema = z.enum(['lower', 'higher']);
export type Direction = z.output<typeof DirectionSchema>;

/** Allowed worsening of one metric between two snapshots; either limit, or both, may be set. */
export const MetricThresholdSchema = z
	.strictObject({
		/** Largest allowed worsening, in the metric's unit. @example 0.01 */
		maxWorsening: z.number().nonnegative().optional(),
		/** Largest allowed worsening, in percent of the base value. @example 5 */
		maxWorseningPct: z.number().nonnegative().optional(),
	})
	.refine((t) => t.maxWorsening !== undefined || t.maxWorseningPct !== undefined, {
		message: 'Set maxWorsening, maxWorseningPct, or both.',
	});
export type MetricThreshold = z.output<typeof MetricThresholdSchema>;

/** A name pattern: `*` any run of characters, `?` one character; matched case-sensitively against the whole name. */
const GlobSchema = z.string().min(1, 'Give a non-empty pattern, such as "penguins-*".');

/** What the export publishes (`publish` in the configuration). */
export const PublishSchema = z.strictObject({
	/** Experiments by name: kept when a pattern of `include` matches and none of `exclude` does. */
	experiments: z
		.strictObject({
			/** @default ["*"] @example ["penguins-*"] */
			include: z.array(GlobSchema).default(['*']),
			/** @default [] @example ["scratch-*", "Default"] */
			exclude: z.array(GlobSchema).default([]),
		})
		.default({ include: ['*'], exclude: [] }),
	/** Export deleted experiments, runs and logged models too. @default false */
	includeDeleted: z.boolean().default(false),
	/** Run statuses to publish; runs in other statuses are left out. @default every status */
	statuses: z.array(RunStatusSchema).min(1, 'List at least one status, or leave statuses out for all.').optional(),
	/**
	 * Opt-in publishing: when set, only runs tagged `<tag>=true` are exported, and only registered
	 * models (all their versions) or single model versions so tagged. `false` publishes everything.
	 * @default false @example { "tag": "mlpages.publish" }
	 */
	optIn: z.union([z.literal(false), z.strictObject({ tag: z.string().min(1).default('mlpages.publish') })]).default(false),
	/**
	 * At most `count` runs per experiment: the best by metric `by` (its last value); runs without it
	 * come last. `order` `auto` takes the metric's direction (`metrics.direction` or its name); a
	 * metric whose direction is unknown then makes the configuration invalid (load-config.ts).
	 * @example { "count": 50, "by": "val_loss" }
	 */
	maxRunsPerExperiment: z
		.strictObject({
			count: z.number().int().positive(),
			by: z.string().min(1),
			order: z.enum(['auto', 'min', 'max']).default('auto'),
		})
		.optional(),
});
export type PublishConfig = z.output<typeof PublishSchema>;
const PUBLISH_DEFAULT: PublishConfig = { experiments: { include: ['*'], exclude: [] }, includeDeleted: false, optIn: false };

/** A regular expression given as text, checked when the configuration is read. */
const RegexSchema = z.string().refine(
	(text) => {
		try {
			new RegExp(text, 'u');
			return true;
		} catch {
			return false;
		}
	},
	{ message: 'Not a valid regular expression (JavaScript syntax, flag u).' },
);

/**
 * Redaction of secrets at export (`redact` in the configuration), on top of the built-in rules
 * (src/security/secret-rules.ts: gitleaks' default rules and ours), applied to every string the
 * export publishes: names, keys, values, descriptions, notes, sources and text artifacts.
 */
export const RedactSchema = z.strictObject({
	/** Extra key patterns (globs, case-insensitive) whose values are always redacted. @example ["*_dsn", "db_url"] */
	keys: z.array(GlobSchema).default([]),
	/** Extra regular expressions; each match in any published string (names and keys too) is redacted. @example ["corp-[0-9a-f]{24}"] */
	values: z.array(RegexSchema).default([]),
	/** Turn the built-in rules off (the tracking token in use is still redacted). @default false */
	disable: z.boolean().default(false),
});
export type RedactConfig = z.output<typeof RedactSchema>;

/**
 * A static host with published site limits: `gitlab.com` (GitLab.com Pages), `gitlab` (a
 * self-managed GitLab instance, at its default limit), `github` (GitHub Pages); `none` checks nothing.
 */
export const HostNameSchema = z.enum(['gitlab.com', 'gitlab', 'github', 'none']);
export type HostName = z.output<typeof HostNameSchema>;

/** How run pages are published (`runPages`): see MlpagesConfigSchema. */
export const RunPagesSchema = z.enum(['auto', 'static', 'shell']);
export type RunPagesSetting = z.output<typeof RunPagesSchema>;

/** One MLflow source of a site with several (`sources`). */
export const NamedSourceSchema = z.strictObject({
	/** Namespace of the source: lowercase letters, digits and dashes. @example "team-a" */
	name: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'Use lowercase letters, digits and single dashes, such as "team-a".'),
	/** Path or tracking URI, as `source`. */
	uri: z.string().min(1),
});

/**
 * The mlpages configuration: the default export of `mlpages.config.mjs`, which `astro.config.mjs`
 * passes to the `mlpages()` integration.
 * Every field is optional.
 */
export const MlpagesConfigSchema = z.strictObject({
	/**
	 * Where to export from when `MLFLOW_TRACKING_URI` is not set: a path to `mlruns/` or a
	 * SQLite file, `sqlite:///…`, `file:…` or an `http(s)://` tracking URI.
	 * @default none: the snapshot in `contentDir` is built as it is
	 */
	source: z.string().min(1).optional(),
	/**
	 * Several sources in one site, each with a name used as its namespace (experiment and model
	 * slugs are prefixed `<name>--` when more than one is listed). `MLFLOW_TRACKING_URI`, when set,
	 * still wins and is the only source.
	 * @example [{ "name": "team-a", "uri": "https://gitlab.example.com/api/v4/projects/1/ml/mlflow" }, { "name": "local", "uri": "mlflow.db" }]
	 */
	sources: z
		.array(NamedSourceSchema)
		.min(1)
		.refine((list) => new Set(list.map((s) => s.name)).size === list.length, { message: 'Give every source a different name.' })
		.optional(),
	/** What to publish: experiments by name, deleted runs, statuses, opt-in tagging, runs per experiment. */
	publish: PublishSchema.default(PUBLISH_DEFAULT),
	/** Redaction of secrets in everything the export publishes (counted in `manifest.skipped`). */
	redact: RedactSchema.default({ keys: [], values: [], disable: false }),
	/**
	 * Write the source's full URI or path (credentials removed) into `manifest.json` and the page
	 * footer. Off by default: the site names its source by kind and file name or server host only
	 * (`sqlite · mlflow.db`, `rest · mlflow.example.com`), never an internal address or a path of
	 * the build machine. @default false
	 */
	publishSourceUri: z.boolean().default(false),
	/** Snapshot folder. @default "content" */
	contentDir: z.string().min(1).default('content'),
	/** Site title, shown in the header and in every page title. @default "mlpages" */
	title: z.string().min(1).max(200).default('mlpages'),
	/** Charts. */
	charts: z
		.strictObject({
			/** Maximum points per chart series after downsampling (first, last, min and max are kept). */
			maxPoints: z.number().int().min(10).max(100_000).default(1000),
			/**
			 * Charts of a run page drawn at build time as SVG, readable without JavaScript: the
			 * primary metric first, then held-out and loss-like metrics. The run's other metrics are
			 * drawn in the browser from its series JSON, with their key points as a table. Each SVG
			 * adds 7 to 20 KB to the page, about 1.2 KB for a chart drawn in the browser, so this
			 * bounds the site's bytes per run. @default 1
			 */
			svgPerRun: z.number().int().min(0).max(1000).default(1),
		})
		.default({ maxPoints: 1000, svgPerRun: 1 }),
	/** Metrics. */
	metrics: z
		.strictObject({
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
	/**
	 * Where the site is published, for the size check at the end of each build: a host's name
	 * (its published limits, see src/integration/host-limits.ts), `none`, or your host's own
	 * limits. A build warns, naming the limit, when `dist/` exceeds it.
	 * @default detected from CI: `gitlab.com` when `CI_SERVER_HOST` is gitlab.com, `gitlab` in
	 * another GitLab CI, `github` in GitHub Actions, else `none`
	 * @example "gitlab" @example { "maxBytes": 524288000, "maxFiles": 100000 }
	 */
	host: z
		.union([
			HostNameSchema,
			z.strictObject({
				/** Largest site the host accepts, in bytes (the sum of the files' sizes). @example 524288000 */
				maxBytes: z.number().int().positive().optional(),
				/** Most files the host accepts in one site. @example 100000 */
				maxFiles: z.number().int().positive().optional(),
			}),
		])
		.optional(),
	/**
	 * How run pages are published. `static`: one HTML page per run, rendered at build time.
	 * `shell`: no page per run; one shell page (`/runs/_/`) and compact data shards
	 * (`/runs/_data/<shard>.json`) from which the browser draws the run's page, with a `_redirects`
	 * rule that serves the shell at every `/runs/<id>/` (GitLab Pages, Netlify, Cloudflare Pages;
	 * on GitHub Pages the 404 page draws the run). `auto`: `shell` when the snapshot has more runs
	 * than fit a GitLab.com site as static pages (src/lib/run-pages-mode.ts), else `static`.
	 * `MLPAGES_RUN_PAGES` overrides it for one build. @default "auto"
	 */
	runPages: RunPagesSchema.default('auto'),
	/** `npm run diff`: comparing two snapshots. */
	diff: z
		.strictObject({
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
