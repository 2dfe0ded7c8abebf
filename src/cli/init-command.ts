import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InitTargetNotEmpty, UsageError, exportError } from '../errors.ts';
import type { CommandEffects } from './export-command.ts';
import { packageJson } from './package-json.ts';
import { parseCommandArgs } from './parse-command-args.ts';

/** The files of a new project, shipped in the package. A leading `_` stands for `.` (npm drops dotfiles such as .gitignore from packages). */
export const TEMPLATE_DIR = new URL('../../src/init/template/', import.meta.url);

/** What `init` fills into the template's `{{…}}` places. */
export interface InitValues {
	/** package.json name. */
	name: string;
	/** Site title. */
	title: string;
	/** MLflow source, or undefined to leave `source` commented out. */
	source: string | undefined;
	/** Version range of mlpages and of its peer astro. */
	mlpagesRange: string;
	astroRange: string;
	nodeRange: string;
}

/**
 * `mlpages init [<dir>] [--source <uri>] [--title <text>]`: writes a new analysis repository in
 * `<dir>` (created if needed): the files of `src/init/template/`, filled in. It holds no page of
 * mlpages, so upgrading is a version bump. Nothing that exists is overwritten: when any of the
 * files is already there, nothing is written at all.
 * @returns the exit status: 0 written, 1 a file exists, 2 wrong usage
 */
export async function runInitCommand(argv: readonly string[], fx: Pick<CommandEffects, 'cwd' | 'logger'>): Promise<number> {
	const args = parseCommandArgs('init', argv);
	if (args.positionals.length > 1) throw exportError(UsageError, `Give one folder, not ${args.positionals.length}: ${args.positionals.join(' ')}.`);
	const dir = resolve(fx.cwd, args.positionals[0] ?? '.');
	const pkg = packageJson();
	const values: InitValues = {
		name: packageName(basename(dir)),
		title: (args.values['title'] as string | undefined) ?? basename(dir),
		source: args.values['source'] as string | undefined,
		mlpagesRange: `^${pkg.version}`,
		astroRange: pkg.peerDependencies['astro'] ?? '*',
		nodeRange: pkg.engines.node,
	};
	const files = templateFiles();
	const clashes = files.map((f) => f.target).filter((t) => existsSync(join(dir, t)));
	if (clashes.length > 0) throw exportError(InitTargetNotEmpty, relative(fx.cwd, dir) || '.', clashes.join(', '));
	for (const file of files) {
		const target = join(dir, file.target);
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, file.binary ? readFileSync(file.source) : fill(readFileSync(file.source, 'utf8'), values));
	}
	const shown = relative(fx.cwd, dir) || '.';
	fx.logger.info(`Wrote a new mlpages site to ${shown}/ (${files.length} files).`);
	fx.logger.info('');
	fx.logger.info('Next:');
	if (shown !== '.') fx.logger.info(`  cd ${shown}`);
	fx.logger.info('  npm install');
	fx.logger.info(values.source ? '  npm run build' : '  MLFLOW_TRACKING_URI=<your mlruns/, mlflow.db or server> npm run build');
	fx.logger.info('  npx astro preview');
	return 0;
}

/** The template's files: where each comes from and its path in the new project. */
export function templateFiles(): { source: string; target: string; binary: boolean }[] {
	const root = TEMPLATE_DIR.pathname;
	const walk = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
	return walk(root)
		.map((source) => {
			const rel = relative(root, source);
			return { source, target: rel.split('/').map((part) => part.replace(/^_/, '.')).join('/'), binary: !/\.(json|mjs|ts|md|yml|svg)$|_gitignore$/.test(rel) };
		})
		.sort((a, b) => a.target.localeCompare(b.target));
}

/** The template text with its `{{…}}` places filled; values are quoted for the file they go into. */
export function fill(text: string, v: InitValues): string {
	const sourceLine = v.source ? `\tsource: ${JSON.stringify(v.source)},` : `\t// source: './mlruns',`;
	const places: Record<string, string> = {
		name: v.name,
		title: JSON.stringify(v.title),
		titleText: v.title.replace(/[\\`*_[\]<>#]/g, '\\$&'),
		sourceLine,
		mlpagesRange: v.mlpagesRange,
		astroRange: v.astroRange,
		nodeRange: v.nodeRange,
	};
	return text.replace(/\{\{(\w+)\}\}/g, (m, key: string) => places[key] ?? m);
}

/** A valid npm package name made from a folder name. */
export function packageName(folder: string): string {
	const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[-]+$/g, '');
	return name || 'mlpages-site';
}
