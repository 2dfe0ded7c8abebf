/** One option of a command, as `node:util` parseArgs takes it, with the text of its help line. */
export interface OptionSpec {
	type: 'string' | 'boolean';
	short?: string;
	/** The value's name in the help text, e.g. `<dir>`. */
	value?: string;
	description: string;
}

/** A subcommand of `mlpages`: its help text is made from this, and its arguments parsed by it. */
export interface CommandSpec {
	name: string;
	/** One line for `mlpages --help`. */
	summary: string;
	/** Positional arguments, e.g. `[<dir>]`. */
	args: string;
	/** Lines explaining the positional arguments. */
	argHelp: readonly string[];
	options: Readonly<Record<string, OptionSpec>>;
	/** A closing paragraph: exit status, environment. */
	notes?: string;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
	root: { type: 'string', value: '<dir>', description: 'the project folder (default: the current folder)' },
	debug: { type: 'boolean', description: 'print stack traces of failures' },
	help: { type: 'boolean', short: 'h', description: 'show this text' },
};

export const COMMANDS: readonly CommandSpec[] = [
	{
		name: 'init',
		summary: 'write a new analysis repository',
		args: '[<dir>]',
		argHelp: ['<dir>        the folder to create (default: the current folder, which must hold none of the files)'],
		options: {
			source: { type: 'string', value: '<uri>', description: 'the MLflow store to publish: an mlruns/ folder, an mlflow.db file or a tracking URI' },
			title: { type: 'string', value: '<text>', description: 'the site title (default: the folder name)' },
		},
		notes: 'Writes package.json, astro.config.mjs, mlpages.config.mjs, tsconfig.json, src/content.config.ts,\ncontent/, public/, README.md, .gitignore, .gitlab-ci.yml and .github/workflows/pages.yml.\nAn existing file is never overwritten.',
	},
	{
		name: 'export',
		summary: 'export an MLflow store into the content/ snapshot',
		args: '[<source>]',
		argHelp: [
			'<source>     an mlruns/ folder, a SQLite file (mlflow.db), sqlite:///…, file:…, or an',
			'             http(s):// tracking URI; default: MLFLOW_TRACKING_URI, else the configured source',
		],
		options: {
			out: { type: 'string', short: 'o', value: '<dir>', description: 'the content folder to write (default: contentDir, "content")' },
			full: { type: 'boolean', description: 'read every run again instead of reusing unchanged ones' },
		},
		notes: 'Credentials come from MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD.',
	},
	{
		name: 'build',
		summary: 'export, then build the site into dist/',
		args: '[-- <astro build options>]',
		argHelp: ['Exports from MLFLOW_TRACKING_URI, else the configured source (no source: the snapshot as it is),', 'then runs astro build; the build ends with the secret scan.'],
		options: {
			full: { type: 'boolean', description: 'read every run again and render every page, instead of reusing unchanged ones' },
			'no-export': { type: 'boolean', description: 'build from the snapshot in content/ as it is' },
			diff: { type: 'string', value: '<base>', description: 'compare the new snapshot with <base> (a snapshot folder or git ref such as origin/main, fetched when missing); write diff.json and diff.md and build /changes/' },
			shard: { type: 'string', value: '<i>/<n>', description: 'build shard i of n: its share of the run and model-version pages (shard 1 also every shared page), no search index; join the shards with mlpages merge' },
		},
		notes: 'With --diff, thresholds are recorded in diff.json, not applied: mlpages comment applies them.\nShards are split by a hash of each run id and model version, the same on every machine; pass\n-- --outDir <dir> to give each shard its own folder.',
	},
	{
		name: 'merge',
		summary: 'join the shards of a sharded build into one site',
		args: '<shard-dir>... --out <dir>',
		argHelp: [
			'<shard-dir>  the output folder of each mlpages build --shard i/n, or one folder holding them;',
			'             every shard 1 to n exactly once',
		],
		options: {
			out: { type: 'string', short: 'o', value: '<dir>', description: 'the merged site (default: dist); replaced only when the merge is complete' },
			base: { type: 'string', value: '<path>', description: 'the base path the site is served under, for the link check (default: BASE_PATH, or /)' },
		},
		notes: 'A file in several shards must be the same in each. The merged site gets its search index, then\nthe secret scan and the link check of mlpages check. Exit status 1 when a shard is missing,\nshards disagree, or the checks fail.',
	},
	{
		name: 'diff',
		summary: 'compare two snapshots; Markdown for a merge-request comment',
		args: '<base> <head>',
		argHelp: [
			'<base> <head>  each a git ref (main, HEAD~1, origin/main), read from the content folder committed',
			'               there, or a snapshot folder (content: the export on disk); origin/main:<path> names',
			'               another tree of a commit',
		],
		options: {
			json: { type: 'string', value: '[<file>]', description: 'also write the comparison as JSON (default file: diff.json)' },
			out: { type: 'string', value: '<file.md>', description: 'also write the Markdown to a file' },
			config: { type: 'string', value: '<file>', description: 'the configuration with diff.thresholds (default: mlpages.config.mjs)' },
		},
		notes: "Compares each alias's model version and each experiment's best run on the primary metric and\nevery metric with a threshold (diff.thresholds in mlpages.config.mjs). Exit status 1 when one got\nworse by more than its threshold.",
	},
	{
		name: 'comment',
		summary: "post the summary on the merge request, then apply the thresholds",
		args: '[<summary.md>]',
		argHelp: [
			'<summary.md>  the summary that mlpages build --diff wrote (default: diff.md)',
			'Posts it as the one mlpages comment of the merge request (GitLab CI: MLPAGES_GITLAB_TOKEN, api',
			'scope) or pull request (GitHub Actions: GITHUB_TOKEN), edited by every later pipeline.',
		],
		options: {
			json: { type: 'string', value: '<file>', description: 'the comparison whose thresholds decide the exit status (default: diff.json)' },
		},
		notes: 'Exit status 1 when a tracked metric got worse than its threshold, or when posting failed.\nWithout a token, or outside a merge-request pipeline, the summary is printed only.',
	},
	{
		name: 'check',
		summary: 'check a built site: secrets, broken links, its size against the host limits',
		args: '[<dir>]',
		argHelp: ['<dir>        the built site (default: dist)'],
		options: {
			base: { type: 'string', value: '<path>', description: 'the base path the site is served under (default: BASE_PATH, or /)' },
			preview: { type: 'boolean', description: "also require GitLab's preview address (CI_PAGES_URL ending in /mr-<iid>), so a GitLab without parallel deployments cannot publish a preview over the site" },
		},
	},
];

/** `mlpages --help`. */
export function mainHelp(version: string): string {
	const width = Math.max(...COMMANDS.map((c) => c.name.length));
	return [
		`mlpages ${version}: a static website of your MLflow experiments, runs and model cards`,
		'',
		'Usage: mlpages <command> [options]',
		'',
		'Commands:',
		...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
		'',
		'Options:',
		...optionLines(GLOBAL_OPTIONS),
		'  --version, -v        print the version',
		'',
		'Run mlpages <command> --help for a command. Exit status: 0 done, 1 failed, 2 wrong usage.',
	].join('\n');
}

/** `mlpages <command> --help`. */
export function commandHelp(spec: CommandSpec): string {
	return [
		`Usage: mlpages ${spec.name} ${spec.args}`.trimEnd(),
		'',
		`${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
		'',
		...spec.argHelp.map((l) => `  ${l}`),
		'',
		'Options:',
		...optionLines(spec.options),
		...optionLines(GLOBAL_OPTIONS),
		...(spec.notes ? ['', spec.notes] : []),
	].join('\n');
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
	return Object.entries(options).map(([name, o]) => {
		const flag = `--${name}${o.short ? `, -${o.short}` : ''}${o.value ? ` ${o.value}` : ''}`;
		return `  ${flag.padEnd(19)}  ${o.description}`;
	});
}

/** The `node:util` parseArgs options of a command, global options included. */
export function parseArgsOptions(spec: CommandSpec): Record<string, { type: 'string' | 'boolean'; short?: string }> {
	const all = { ...spec.options, ...GLOBAL_OPTIONS };
	return Object.fromEntries(Object.entries(all).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
}

/** The command named `name`. */
export function commandSpec(name: string): CommandSpec {
	const spec = COMMANDS.find((c) => c.name === name);
	if (!spec) throw new Error(`No command ${name}`);
	return spec;
}
