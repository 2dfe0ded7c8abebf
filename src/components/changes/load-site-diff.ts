import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SnapshotDiffSchema, type SnapshotDiff } from '../../schemas/diff.ts';

/** Thrown when `MLPAGES_DIFF` names a file that is not a diff of `npm run diff --json`. */
export class SiteDiffInvalid extends Error {
	override name = 'SiteDiffInvalid' as const;
	readonly hint = 'Write the file with `npm run diff -- <base> <head> --json <file>` from this version of mlpages, or unset MLPAGES_DIFF.';
}

/**
 * The diff the `/changes/` page renders: the JSON file named by the environment variable
 * `MLPAGES_DIFF` (relative to the working directory). Null when the variable is unset or names
 * no file, which the page shows as "No base snapshot to compare with".
 * @throws SiteDiffInvalid when the file exists but is not a valid diff.
 */
export function loadSiteDiff(env: Record<string, string | undefined> = process.env): SnapshotDiff | null {
	const file = env['MLPAGES_DIFF'];
	if (!file) return null;
	let text: string;
	try {
		text = readFileSync(resolve(file), 'utf8');
	} catch {
		return null;
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new SiteDiffInvalid(`MLPAGES_DIFF=${file} is not JSON: ${(error as Error).message}`);
	}
	const parsed = SnapshotDiffSchema.safeParse(json);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((i) => `- **${i.path.join('.') || '(root)'}**: ${i.message}`).join('\n');
	throw new SiteDiffInvalid(`MLPAGES_DIFF=${file} is not a diff written by npm run diff:\n${problems}`);
}
