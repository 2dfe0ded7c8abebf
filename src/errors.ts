/**
 * The catalogue of user-facing failures. Each entry says what happened, why, and what to do.
 * Names never change: tests and users search for them. Messages carry no "Error:" prefix.
 */

export interface ErrorEntry<Args extends unknown[] = never[]> {
	/** Stable name, e.g. `MlflowSourceMissing`. */
	name: string;
	/** One line for the terminal's first line. */
	title: string;
	/** What happened and why, naming the file, run or request. */
	message: (...args: Args) => string;
	/** What the user should do next. */
	hint: string;
	/** Exit status of the command: 1 for a failure, 2 for wrong usage. */
	exitCode: 1 | 2;
}

function entry<Args extends unknown[]>(e: ErrorEntry<Args>): ErrorEntry<Args> {
	return e;
}

export const SourceMissing = entry({
	name: 'MlflowSourceMissing',
	title: 'MLflow source not found',
	message: (source: string) => `Nothing exists at ${source}, so there is no MLflow data to export.`,
	hint: 'Pass the path of an mlruns/ folder or an mlflow.db file, or set MLFLOW_TRACKING_URI (e.g. MLFLOW_TRACKING_URI=./mlflow.db npm run build).',
	exitCode: 1,
});

export const SourceUnreadable = entry({
	name: 'MlflowSourceUnreadable',
	title: 'MLflow source cannot be read',
	message: (source: string, reason: string) => `${source} exists but cannot be read as an MLflow store: ${reason}.`,
	hint: 'Check that the path points at an mlruns/ folder (with 0/meta.yaml) or at an MLflow SQLite database, and that you may read it.',
	exitCode: 1,
});

export const SourceNotMlflow = entry({
	name: 'MlflowSourceNotMlflow',
	title: 'Not an MLflow store',
	message: (source: string, reason: string) => `${source} is not an MLflow store: ${reason}.`,
	hint: 'Point mlpages at the folder MLflow writes (mlruns/, with <experiment id>/meta.yaml inside) or at its SQLite database (mlflow.db, with an alembic_version table).',
	exitCode: 1,
});

export const UsageError = entry({
	name: 'MlpagesUsage',
	title: 'Wrong usage',
	message: (problem: string) => problem,
	hint: 'Run mlpages --help for the commands, and mlpages <command> --help for what one takes. An MLflow source is a path to mlruns/ or mlflow.db, sqlite:///…, file:…, or an http(s):// tracking URI.',
	exitCode: 2,
});

export const ConfigInvalid = entry({
	name: 'MlpagesConfigInvalid',
	title: 'Invalid mlpages configuration',
	message: (problems: string, file = 'mlpages.config.mjs') => `The mlpages configuration in ${file} is not valid:\n${problems}`,
	hint: 'Fix the fields listed above; README.md, section "Configure", lists every option.',
	exitCode: 1,
});

export const ContentConfigMissing = entry({
	name: 'MlpagesContentConfigMissing',
	title: 'The project has no content config',
	message: (file: string) => `Astro reads content collections only from the project's own ${file}, which does not exist, so mlpages has no data to render.`,
	hint: "Create it with the line `export { collections } from 'mlpages/collections';` (mlpages init writes it for new projects).",
	exitCode: 1,
});

export const OutputUnwritable = entry({
	name: 'MlpagesOutputUnwritable',
	title: 'Cannot write the snapshot',
	message: (dir: string, reason: string) => `The snapshot could not be written to ${dir}: ${reason}. The previous snapshot was left as it was.`,
	hint: 'Check that the folder is writable and that the disk has space, then run the export again.',
	exitCode: 1,
});

export const DiffUsage = entry({
	name: 'MlpagesDiffUsage',
	title: 'Wrong usage of npm run diff',
	message: (problem: string) => problem,
	hint: 'Run `npm run diff -- <base> <head> [--json [<file>]] [--out <file.md>] [--config <file>]`, where each side is a snapshot folder (e.g. content) or a git ref (main, HEAD~1, origin/main:content).',
	exitCode: 2,
});

export const DiffSideNotFound = entry({
	name: 'MlpagesDiffSideNotFound',
	title: 'Nothing to compare at this side',
	message: (side: string, reason: string) => `${side} is neither a folder nor a git ref here: ${reason}.`,
	hint: 'Pass a git ref such as main, HEAD~1 or origin/main (its committed content/ is read; origin/main:<folder> names another tree), or a snapshot folder (the folder holding manifest.json, or a project holding content/manifest.json); in CI, fetch the target branch first (git fetch origin main).',
	exitCode: 2,
});

export const DiffSnapshotMissing = entry({
	name: 'MlpagesDiffSnapshotMissing',
	title: 'No snapshot at this side',
	message: (side: string, where: string) => `${side} holds no snapshot: ${where}.`,
	hint:
		'Export (npx mlpages export), then commit the summaries the export wrote: git add content && git commit. ' +
		'The .gitignore of mlpages init commits content/manifest.json, experiments/, runs/, datasets/, logged-models/, models/ and model-versions/, ' +
		'and leaves out series/, histories/ and artifacts/, which every export rebuilds. ' +
		'To compare with the snapshot on disk instead of a commit, name its folder: npx mlpages diff main content.',
	exitCode: 2,
});

export const DiffSnapshotInvalid = entry({
	name: 'MlpagesDiffSnapshotInvalid',
	title: 'Snapshot file is not valid',
	message: (side: string, file: string, problems: string) => `${file} of ${side} does not match the snapshot schema:\n${problems}`,
	hint: 'Export the snapshot again with this version of mlpages (npm run export), or compare against a snapshot written by it.',
	exitCode: 1,
});

export const DiffConfigInvalid = entry({
	name: 'MlpagesDiffConfigInvalid',
	title: 'Invalid configuration for npm run diff',
	message: (file: string, problems: string) => `${file} is not a valid mlpages configuration:\n${problems}`,
	hint: 'Pass --config a JSON file (or a module whose default export is) the options of mlpages() in astro.config.mjs, e.g. { "diff": { "thresholds": { "val_loss": { "maxWorseningPct": 5 } } } }.',
	exitCode: 2,
});

export const RunFileInvalid = entry({
	name: 'MlpagesRunFileInvalid',
	title: 'Run file is not valid',
	message: (file: string, problems: string) => `${file} cannot be read as a run of the snapshot while rendering its pages:\n${problems}`,
	hint: 'Export the snapshot again (npm run export), or restore the file from git; do not edit files under content/runs/ by hand while the site builds.',
	exitCode: 1,
});

export const ModelCardInvalid = entry({
	name: 'MlpagesModelCardInvalid',
	title: 'Invalid model card',
	message: (file: string) => `The front matter of ${file} is not valid Hugging Face model-card metadata:`,
	hint: 'Fix the fields listed above. The fields are those of a Hugging Face model card: https://huggingface.co/docs/hub/model-cards#model-card-metadata',
	exitCode: 1,
});

export const ModelCardUnreadable = entry({
	name: 'MlpagesModelCardUnreadable',
	title: 'Model card cannot be read',
	message: (file: string, reason: string) => `${file} cannot be read as a model card: ${reason}`,
	hint: 'A model card is Markdown with optional YAML front matter between two `---` lines; check the YAML (indentation, quotes around values with `:`).',
	exitCode: 1,
});

export const RestUnauthorized = entry({
	name: 'MlflowRestUnauthorized',
	title: 'The MLflow tracking server refused the credentials',
	message: (request: string, status: number, sent: string) =>
		`${request} was refused with status ${status} (${sent}). Set MLFLOW_TRACKING_TOKEN to an access token the server accepts, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD to an account of the server.`,
	hint: 'Export the variables in the shell or CI job that runs the export (e.g. a masked CI/CD variable), then run it again; nothing was retried, to avoid locking the account.',
	exitCode: 1,
});

export const GitlabUnauthorized = entry({
	name: 'MlflowGitlabUnauthorized',
	title: 'GitLab refused the credentials',
	message: (request: string, status: number, sent: string) =>
		`${request} was refused with status ${status} (${sent}). Set MLFLOW_TRACKING_TOKEN to a personal, project or group access token with the read_api (or api) scope, from an account with at least the Developer role in the project.`,
	hint: 'Create the token under Settings > Access tokens, store it as a masked CI/CD variable named MLFLOW_TRACKING_TOKEN, then run the export again; nothing was retried.',
	exitCode: 1,
});

export const RestNotFound = entry({
	name: 'MlflowRestNotFound',
	title: 'No MLflow tracking API at this address',
	message: (request: string, gitlab: boolean) =>
		gitlab
			? `${request} answered 404: the project does not exist, has model experiments turned off, or the token cannot read it (GitLab answers 404 for all three).`
			: `${request} answered 404: no MLflow tracking server answers at this address.`,
	hint: 'Check MLFLOW_TRACKING_URI: an MLflow server URI (http://host:5000) or, for GitLab, https://<gitlab>/api/v4/projects/<project id>/ml/mlflow; on GitLab also check the token (MLFLOW_TRACKING_TOKEN, read_api scope, Developer role).',
	exitCode: 1,
});

export const RestRequestFailed = entry({
	name: 'MlflowRestRequestFailed',
	title: 'Reading from the MLflow tracking server failed',
	message: (detail: string) => detail,
	hint: 'Check that MLFLOW_TRACKING_URI names a running MLflow tracking server (or a GitLab project\'s /api/v4/projects/<id>/ml/mlflow) reachable from here, then run the export again; transient failures were already retried with backoff.',
	exitCode: 1,
});

export const ReportReferenceUnresolved = entry({
	name: 'MlpagesReportReferenceUnresolved',
	title: 'A report names something the snapshot does not have',
	message: (file: string, line: number, reference: string, reason: string) =>
		`${file}:${line}: the reference ${JSON.stringify(reference)} does not resolve. ${reason}`,
	hint: 'Name runs by id, by a name no other run has, or as <model>@<alias> / <model>/<version>; experiments by id, name or slug; models by name or slug. Check the spelling against the site, or export again if the data is new.',
	exitCode: 1,
});

export const SecretsInSite = entry({
	name: 'MlpagesSecretsInSite',
	title: 'Secrets found in the built site',
	message: (dir: string, found: string) =>
		`The built site in ${dir} contains what looks like a secret, so it must not be published:\n${found}\n(The values are not printed.)`,
	hint: 'The export redacts secrets it recognises, so this one got past it: it may be in a report or model card you wrote, in the snapshot from an export with redact.disable, or in a form the export does not read. Remove it there (redact.values can name a pattern of your own), rotate it if the site was already published, and export and build again. The list names each file, the kind of secret and how it was written (utf-16, gzip).',
	exitCode: 1,
});

export const PageCacheStale = entry({
	name: 'MlpagesPageCacheStale',
	title: 'Cached pages do not fit this build',
	message: (dir: string, missing: string) =>
		`Pages taken from the page cache in ${dir} link files this build did not make, so they were removed instead of published:\n${missing}\nThe page cache has been emptied.`,
	hint: 'Build again (mlpages build, or mlpages build --full): every page is then rendered afresh. The cache checks mlpages\' and Astro\'s versions, their sources and your configuration, so this means something else changed the bundles; please report it.',
	exitCode: 1,
});

export const LinksBroken = entry({
	name: 'MlpagesLinksBroken',
	title: 'Broken links in the built site',
	message: (count: string, base: string, list: string) => `${count} internal links of the built site lead to no file when it is served under ${base}:\n${list}`,
	hint: 'Build and check with the same base path (BASE_PATH, or --base of mlpages check). A link from a report or model card must name a page of the site; fix it there and build again.',
	exitCode: 1,
});

export const ShardInvalid = entry({
	name: 'MlpagesShardInvalid',
	title: 'Not a shard',
	message: (problem: string) => problem,
	hint: 'Give the shard as <index>/<total>, e.g. mlpages build --shard 2/4 (in GitLab CI: --shard $CI_NODE_INDEX/$CI_NODE_TOTAL), or unset MLPAGES_SHARD to build the whole site.',
	exitCode: 2,
});

export const ShardsIncomplete = entry({
	name: 'MlpagesShardsIncomplete',
	title: 'The shards do not make one whole site',
	message: (problem: string) => `mlpages merge needs every shard of one build exactly once: ${problem}.`,
	hint: 'Pass the output folder of each mlpages build --shard i/N, all of the same N (or one folder holding them), and make sure no shard job failed or was left out.',
	exitCode: 1,
});

export const ShardsFromOtherSnapshots = entry({
	name: 'MlpagesShardsFromOtherSnapshots',
	title: 'Shards built from different snapshots',
	message: (first: string, second: string) =>
		`${first} and ${second} were built from different snapshots (their content/manifest.json differ), so their pages would disagree: a run listed on one shard's experiment page could be missing from another's run pages.`,
	hint: 'Each shard exports the store itself; one that changed between the exports (a run logged meanwhile) gives different snapshots. Build every shard from the same snapshot: export once and build each shard with mlpages build --no-export --shard i/n, or rerun the whole pipeline.',
	exitCode: 1,
});

export const ShardsConflict = entry({
	name: 'MlpagesShardsConflict',
	title: 'Shards disagree about a file',
	message: (file: string, first: string, second: string) =>
		`${file} is in ${first} and in ${second} with different contents, so the shards were not built from the same snapshot, configuration and mlpages version.`,
	hint: 'Build every shard from the same commit with the same environment (SITE, BASE_PATH, MLFLOW_TRACKING_URI, mlpages version), then merge again; in GitLab CI, rerun the whole pipeline rather than one shard job.',
	exitCode: 1,
});

export const PreviewAddressMissing = entry({
	name: 'MlpagesPreviewAddressMissing',
	title: 'Not publishing the preview',
	message: (why: string) => `The merge request's preview was not published: ${why}.`,
	hint: 'Preview deployments need Pages parallel deployments (GitLab Premium or Ultimate, 17.9 or newer). Set the CI/CD variable MLPAGES_PREVIEWS=false (or the component input previews: false) to keep the comparison and the comment without publishing previews.',
	exitCode: 1,
});

export const AstroMissing = entry({
	name: 'MlpagesAstroMissing',
	title: 'Astro is not installed in this project',
	message: (root: string) => `mlpages build runs the project's own astro, and none is installed for ${root}.`,
	hint: 'Run npm install in the project (its package.json depends on astro and mlpages); a project made by mlpages init has both.',
	exitCode: 1,
});

export const InitTargetNotEmpty = entry({
	name: 'MlpagesInitTargetNotEmpty',
	title: 'The folder already has files that init would write',
	message: (dir: string, files: string) => `${dir} already holds ${files}; mlpages init never overwrites a file.`,
	hint: 'Run mlpages init with a new folder name (npx mlpages init my-analysis), or move those files away first.',
	exitCode: 1,
});

export const CommentInputMissing = entry({
	name: 'MlpagesCommentInputMissing',
	title: 'No summary to post on the merge request',
	message: (file: string) => `${file} does not exist, so there is nothing to post.`,
	hint: 'Run mlpages build --diff <base> first (the merge-request job of the CI templates does, and passes diff.md on as an artifact), or name the summary: mlpages comment <file.md>.',
	exitCode: 1,
});

export const CommentInputInvalid = entry({
	name: 'MlpagesCommentInputInvalid',
	title: 'The comparison cannot be read',
	message: (file: string, reason: string) => `${file} is not a comparison written by mlpages: ${reason}`,
	hint: 'Write it with mlpages build --diff <base> (or mlpages diff --json) of the same mlpages version that runs mlpages comment.',
	exitCode: 1,
});

export const CommentFailed = entry({
	name: 'MlpagesCommentFailed',
	title: 'The summary could not be posted on the merge request',
	message: (request: string, status: string) => `${request} answered ${status}. The summary is in the job log above.`,
	hint: 'Check the token: on GitLab, MLPAGES_GITLAB_TOKEN must be a project access token with the api scope and at least the Reporter role; on GitHub, the job needs permissions: pull-requests: write and GITHUB_TOKEN in its environment.',
	exitCode: 1,
});

/**
 * The one error class of the command-line tools. Entry points catch it once, print
 * `title`, `message` and `hint`, and exit with `exitCode`; anything else is a bug and keeps its stack.
 */
export class ExportError extends Error {
	override name = 'ExportError' as const;
	readonly code: string;
	readonly title: string;
	readonly hint: string;
	readonly exitCode: 1 | 2;
	constructor(
		e: { name: string; title: string; hint: string; exitCode: 1 | 2 },
		message: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
		this.code = e.name;
		this.title = e.title;
		this.hint = e.hint;
		this.exitCode = e.exitCode;
	}
}

/** Builds an ExportError from a catalogue entry and its arguments. */
export function exportError<Args extends unknown[]>(
	e: ErrorEntry<Args>,
	...args: Args
): ExportError {
	return new ExportError(e, e.message(...args));
}
