import { resolve } from 'node:path';
import { ExportError, UsageError, exportError } from '../errors.ts';
import { didYouMean } from '../lib/did-you-mean.ts';
import type { Logger } from '../lib/logger.ts';
import type { MlpagesConfig } from '../schemas/config.ts';
import { runBuildCommand, type BuildEffects } from './build-command.ts';
import { runCheckCommand } from './check-command.ts';
import { runCommentCommand } from './comment-command.ts';
import { COMMANDS, commandHelp, commandSpec, mainHelp } from './commands.ts';
import { printError, runExportCommand } from './export-command.ts';
import { runInitCommand } from './init-command.ts';
import { loadMlpagesConfig } from './load-config.ts';
import { runMergeCommand } from './merge-command.ts';
import { packageJson } from './package-json.ts';
import { runDiffCli } from './run-diff-cli.ts';

/** What the `mlpages` command touches; bin/mlpages.js passes the real ones, tests their own. */
export interface MainEffects extends Omit<BuildEffects, 'cwd' | 'loadConfig'> {
	/** The folder the command was started in; `--root` is taken from it. */
	cwd: string;
	/** Reads the mlpages configuration of the project at `root` (default: load-config.ts). */
	loadConfigAt?: (root: string) => Promise<MlpagesConfig>;
	/** Standard output, for text meant to be piped (help, the diff's Markdown). */
	stdout: (text: string) => void;
	/** Where `diff` reports progress: stderr, so stdout stays Markdown. */
	diffLogger: Logger;
}

/** The global flags, taken out of the arguments before the command's own are parsed. */
interface Globals {
	command: string | undefined;
	rest: string[];
	root: string | undefined;
	debug: boolean;
	help: boolean;
	version: boolean;
}

/** Separates the command and the global flags (anywhere before `--`) from the command's arguments. */
export function splitGlobals(argv: readonly string[]): Globals {
	const g: Globals = { command: undefined, rest: [], root: undefined, debug: false, help: false, version: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') {
			g.rest.push(...argv.slice(i));
			break;
		}
		if (arg === '--root') {
			const value = argv[i + 1];
			if (value === undefined || value.startsWith('-')) throw exportError(UsageError, '--root needs a folder.');
			g.root = value;
			i++;
		} else if (arg.startsWith('--root=')) g.root = arg.slice('--root='.length);
		else if (arg === '--debug') g.debug = true;
		else if (arg === '--help' || arg === '-h') g.help = true;
		else if (!g.command && (arg === '--version' || arg === '-v')) g.version = true;
		else if (!g.command && !arg.startsWith('-')) g.command = arg;
		else g.rest.push(arg);
	}
	return g;
}

/**
 * `mlpages <command> …`: runs one command and returns its exit status (0 done, 1 failed, 2 wrong
 * usage). A catalogued failure prints its title, message and hint; anything else is a bug in
 * mlpages and is reported as one, with its stack under `--debug`.
 */
export async function main(argv: readonly string[], fx: MainEffects): Promise<number> {
	let debug = argv.includes('--debug');
	try {
		const g = splitGlobals(argv);
		debug = g.debug;
		if (g.version) {
			fx.stdout(`${packageJson().version}\n`);
			return 0;
		}
		if (!g.command) {
			fx.stdout(`${mainHelp(packageJson().version)}\n`);
			return g.help ? 0 : 2;
		}
		if (!COMMANDS.some((c) => c.name === g.command)) {
			const guess = didYouMean(g.command, COMMANDS.map((c) => c.name));
			throw exportError(UsageError, `There is no command "${g.command}"${guess ? `; did you mean "${guess}"?` : '.'} The commands are ${COMMANDS.map((c) => c.name).join(', ')}.`);
		}
		if (g.help) {
			fx.stdout(`${commandHelp(commandSpec(g.command))}\n`);
			return 0;
		}
		const cwd = g.root ? resolve(fx.cwd, g.root) : fx.cwd;
		const here = { ...fx, cwd, loadConfig: () => (fx.loadConfigAt ?? loadMlpagesConfig)(cwd) };
		switch (g.command) {
			case 'init':
				return await runInitCommand(g.rest, here);
			case 'export':
				return await runExportCommand(g.rest, here);
			case 'build':
				return await runBuildCommand(g.rest, here);
			case 'check':
				return await runCheckCommand(g.rest, here);
			case 'merge':
				return await runMergeCommand(g.rest, here);
			case 'comment':
				return await runCommentCommand(g.rest, here);
			case 'diff':
				return await runDiffCli(g.rest, { cwd, env: fx.env, stdout: fx.stdout, logger: fx.diffLogger });
		}
		return 2;
	} catch (error) {
		if (error instanceof ExportError) {
			printError(error, fx.logger);
			if (debug && error.cause instanceof Error && error.cause.stack) fx.logger.error(error.cause.stack);
			return error.exitCode;
		}
		const message = error instanceof Error ? error.message : String(error);
		fx.logger.error(`mlpages stopped on an unexpected error: ${message}`);
		if (debug && error instanceof Error && error.stack) fx.logger.error(error.stack);
		else fx.logger.error('This is a bug in mlpages. Run the command again with --debug to see where it happened, and report it with that output.');
		return 1;
	}
}
