import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommentInputInvalid, CommentInputMissing, ExportError, UsageError, exportError } from '../errors.ts';
import { reviewContext } from '../ci/review-context.ts';
import { upsertComment } from '../ci/upsert-comment.ts';
import { SnapshotDiffSchema, type SnapshotDiff } from '../schemas/diff.ts';
import { DIFF_JSON, DIFF_MD } from './build-diff.ts';
import { printError, type CommandEffects } from './export-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';

/**
 * `mlpages comment [<summary.md>] [--json <file>]`: prints the merge request's summary (default
 * `diff.md`, written by `mlpages build --diff`), posts it as the merge request's one mlpages
 * comment, edited by every later pipeline (GitLab with `MLPAGES_GITLAB_TOKEN`, GitHub with
 * `GITHUB_TOKEN`; without a token it says why it did not post), then applies the thresholds
 * recorded in the comparison (default `diff.json`, when it exists).
 * @returns the exit status: 0 done, 1 a threshold failed or the comment could not be posted, 2 wrong usage
 */
export async function runCommentCommand(argv: readonly string[], fx: Pick<CommandEffects, 'cwd' | 'env' | 'logger' | 'fetch'>): Promise<number> {
	const args = parseCommandArgs('comment', argv);
	if (args.positionals.length > 1) throw exportError(UsageError, `Give one summary file, not ${args.positionals.length}: ${args.positionals.join(' ')}.`);
	const summaryFile = args.positionals[0] ?? DIFF_MD;
	const jsonFile = (args.values['json'] as string | undefined) ?? DIFF_JSON;
	const summaryPath = resolve(fx.cwd, summaryFile);
	if (!existsSync(summaryPath)) throw exportError(CommentInputMissing, summaryFile);
	const summary = readFileSync(summaryPath, 'utf8');
	const diff = readComparison(resolve(fx.cwd, jsonFile), jsonFile);
	fx.logger.info(summary.trimEnd());
	fx.logger.info('');

	const context = reviewContext(fx.env);
	if (context.kind === 'none') fx.logger.info(`Not posted: ${context.reason}.`);
	else if (context.kind === 'github' && context.readOnly) fx.logger.info(`Not posted on ${context.label}: ${context.readOnly}.`);
	else if (!context.token) fx.logger.info(`Not posted on ${context.label}: ${context.tokenVariable} is not set. Set it (see the CI file's comments) for a comment that each pipeline updates.`);
	else {
		try {
			const how = await upsertComment(context, context.token, `${summary.trimEnd()}\n\n${context.footer}\n`, fx.fetch ?? globalThis.fetch);
			fx.logger.info(`${how === 'created' ? 'Posted' : 'Updated'} the summary on ${context.label}.`);
		} catch (error) {
			if (!(error instanceof ExportError)) throw error;
			printError(error, fx.logger);
			return error.exitCode;
		}
	}

	if (diff?.gate.status === 'fail') {
		const n = diff.gate.failures.length;
		fx.logger.error(`${n} tracked metric${n === 1 ? '' : 's'} got worse than diff.thresholds of the configuration allow:\n${diff.gate.failures.map((f) => `- ${f}`).join('\n')}`);
		return 1;
	}
	if (diff?.gate.status === 'pass') fx.logger.info('Thresholds: passed.');
	return 0;
}

/** The comparison at `path`, or undefined when there is none (no base snapshot to compare with). */
function readComparison(path: string, shown: string): SnapshotDiff | undefined {
	if (!existsSync(path)) return undefined;
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw exportError(CommentInputInvalid, shown, `it is not JSON (${(error as Error).message}).`);
	}
	const parsed = SnapshotDiffSchema.safeParse(json);
	if (parsed.success) return parsed.data;
	throw exportError(CommentInputInvalid, shown, parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
}
