import { writeFile as fsWriteFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DiffUsage, ExportError, exportError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import { stableStringify } from '../lib/json.ts';
import { SnapshotDiffSchema } from '../schemas/diff.ts';
import { diffMarkdown } from '../diff/diff-markdown.ts';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import { gitRunner, type GitRunner } from '../diff/git-runner.ts';
import { loadDiffConfig } from '../diff/load-diff-config.ts';
import { readSnapshot, type DiffedSnapshot } from '../diff/read-snapshot.ts';
import { previewUrl } from '../diff/preview-url.ts';
import { resolveSide } from '../diff/resolve-side.ts';

/** What `npm run diff` touches, injected so tests run silently in a temporary folder. */
export interface DiffCliEffects {
	cwd: string;
	env: Record<string, string | undefined>;
	/** Receives the Markdown summary (stdout). */
	stdout: (text: string) => void;
	/** Progress and failures (stderr). */
	logger: Logger;
	git?: GitRunner;
	writeFile?: (path: string, text: string) => Promise<void>;
}

/** Where `--json` without a file name writes, relative to the working directory. */
export const DEFAULT_JSON = 'diff.json';

export interface DiffArgs {
	base: string;
	head: string;
	json: string | undefined;
	out: string | undefined;
	config: string | undefined;
}

/**
 * Parses `<base> <head> [--json [<file>]] [--out <file.md>] [--config <file>]`. `--json` takes the
 * next argument as its file unless it starts with `-` or is missing; `--json=<file>` also works.
 * @throws ExportError `MlpagesDiffUsage`
 */
export function parseDiffArgs(argv: readonly string[]): DiffArgs {
	const positionals: string[] = [];
	const flags: Record<string, string | undefined> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		const [name, inline] = arg.startsWith('--') ? [arg.slice(2).split('=')[0]!, arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined] : [null, undefined];
		if (name === null) positionals.push(arg);
		else if (name === 'json' || name === 'out' || name === 'config') {
			const next = argv[i + 1];
			const value = inline ?? (next !== undefined && !next.startsWith('-') ? (i++, next) : undefined);
			if (value === undefined && name !== 'json') throw exportError(DiffUsage, `--${name} needs a file name.`);
			flags[name] = value ?? DEFAULT_JSON;
		} else throw exportError(DiffUsage, `Unknown option ${arg}.`);
	}
	if (positionals.length !== 2) {
		throw exportError(DiffUsage, `Expected a base and a head, got ${positionals.length === 0 ? 'nothing' : positionals.map((p) => `"${p}"`).join(' ')}.`);
	}
	return { base: positionals[0]!, head: positionals[1]!, json: flags['json'], out: flags['out'], config: flags['config'] };
}

/**
 * `mlpages diff` in the project at `effects.cwd` (the working folder, or `--root`), with its
 * configuration (thresholds, primary metrics, `contentDir`): prints the Markdown summary, writes
 * the JSON (`--json`) and the summary (`--out`). Returns the exit status: 0, 1 when a threshold
 * fails, or the ExportError's own (2 for wrong usage). Anything that is not an ExportError is a bug and is rethrown.
 */
export async function runDiffCli(argv: readonly string[], effects: DiffCliEffects): Promise<number> {
	const git = effects.git ?? gitRunner(effects.cwd);
	const writeFile = effects.writeFile ?? ((path, text) => fsWriteFile(path, text, 'utf8'));
	try {
		const args = parseDiffArgs(argv);
		const config = await loadDiffConfig(args.config, effects.cwd);
		// The folder `mlpages export` and `mlpages build` write, so a git ref reads the same one as committed.
		const contentDir = effects.env['MLPAGES_CONTENT_DIR'] || config.contentDir;
		const sides = await Promise.allSettled([
			resolveSide(args.base, effects.cwd, git, contentDir).then(readSnapshot),
			resolveSide(args.head, effects.cwd, git, contentDir).then(readSnapshot),
		]);
		// When both sides fail, the base's failure is the one reported, whichever came first.
		const [base, head] = sides.map((side) => {
			if (side.status === 'rejected') throw side.reason;
			return side.value;
		}) as [DiffedSnapshot, DiffedSnapshot];
		const diff = SnapshotDiffSchema.parse(diffSnapshots(base, head, config));
		const markdown = diffMarkdown(diff, { previewUrl: previewUrl(effects.env) });
		effects.stdout(markdown);
		if (args.json !== undefined) {
			await writeFile(resolve(effects.cwd, args.json), stableStringify(diff));
			effects.logger.info(`Wrote ${args.json}.`);
		}
		if (args.out !== undefined) {
			await writeFile(resolve(effects.cwd, args.out), markdown);
			effects.logger.info(`Wrote ${args.out}.`);
		}
		if (diff.gate.status === 'fail') {
			effects.logger.error(`${diff.gate.failures.length} tracked metric${diff.gate.failures.length === 1 ? '' : 's'} got worse than allowed:\n${diff.gate.failures.join('\n')}`);
			return 1;
		}
		return 0;
	} catch (error) {
		if (!(error instanceof ExportError)) throw error;
		effects.logger.error(`${error.title}\n${error.message}\n${error.hint}`);
		return error.exitCode;
	}
}
