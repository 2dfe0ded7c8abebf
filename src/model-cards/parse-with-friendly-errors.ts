import type { z } from 'astro/zod';
import { AstroError } from 'astro/errors';

/**
 * Validates `input` against `schema` once, at the boundary.
 * @returns the parsed value.
 * @throws AstroError whose message is `title` followed by one `**path**: problem` line per issue
 * (paths joined with `.`, `(root)` for the top), and whose hint is `hint`.
 */
export function parseWithFriendlyErrors<S extends z.ZodType>(
	schema: S,
	input: unknown,
	title: string,
	hint?: string,
): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const lines = result.error.issues.map(
		(issue) => `- **${issue.path.map(String).join('.') || '(root)'}**: ${issue.message}`,
	);
	throw new AstroError(`${title}\n${lines.join('\n')}`, hint);
}
