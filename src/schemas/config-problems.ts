import type { z } from 'astro/zod';
import { MlpagesConfigSchema } from './config.ts';
import { didYouMean } from '../lib/did-you-mean.ts';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/**
 * The problems of an invalid mlpages configuration, one `- **path**: problem` line each. An
 * unknown key (the schema is strict at every level, so a misspelled option can never be silently
 * ignored) names its full path and the closest known option:
 * `- **publish.optin**: unknown option; did you mean publish.optIn?`
 */
export function configProblems(error: z.ZodError, schema: z.ZodType = MlpagesConfigSchema): string {
	return flatten(error.issues, [])
		.map(({ issue, path }) => line(issue, path, schema))
		.join('\n');
}

/** Issues with their full paths; a union's issues come from the branch that got furthest. */
function flatten(issues: readonly Issue[], prefix: Path): { issue: Issue; path: Path }[] {
	return issues.flatMap((issue) => {
		const path = [...prefix, ...issue.path];
		if (issue.code === 'invalid_union' && issue.errors.length > 0) {
			// The branch that is an object (not `false`) is the one the user meant to write.
			const branch = issue.errors.find((b) => b.some((i) => i.code === 'unrecognized_keys' || i.path.length > 0)) ?? issue.errors[0]!;
			return flatten(branch, path);
		}
		return [{ issue, path }];
	});
}

function line(issue: Issue, path: Path, schema: z.ZodType): string {
	const at = (p: Path) => p.map(String).join('.') || '(root)';
	if (issue.code !== 'unrecognized_keys') return `- **${at(path)}**: ${issue.message}`;
	const known = knownKeys(schema, path);
	return issue.keys
		.map((key) => {
			const suggestion = didYouMean(key, known);
			const where = at([...path, key]);
			if (suggestion) return `- **${where}**: unknown option; did you mean ${at([...path, suggestion])}?`;
			return `- **${where}**: unknown option; the options here are ${known.join(', ')}.`;
		})
		.join('\n');
}

/** The keys an object of `schema` accepts at `path`, through defaults, optionals, unions and arrays. */
export function knownKeys(schema: z.ZodType, path: Path): string[] {
	const objects = objectsAt(schema, path);
	return [...new Set(objects.flatMap((o) => Object.keys(o)))];
}

function objectsAt(schema: unknown, path: Path): Record<string, unknown>[] {
	const def = defOf(schema);
	if (!def) return [];
	switch (def['type']) {
		case 'default':
		case 'optional':
		case 'nullable':
		case 'prefault':
			return objectsAt(def['innerType'], path);
		case 'pipe':
			return objectsAt(def['in'], path);
		case 'union':
			return (def['options'] as unknown[]).flatMap((o) => objectsAt(o, path));
		case 'array':
			return path.length === 0 ? [] : objectsAt(def['element'], path.slice(1));
		case 'record':
			return path.length === 0 ? [] : objectsAt(def['valueType'], path.slice(1));
		case 'object': {
			const shape = def['shape'] as Record<string, unknown>;
			if (path.length === 0) return [shape];
			const next = shape[String(path[0])];
			return next ? objectsAt(next, path.slice(1)) : [];
		}
		default:
			return [];
	}
}

function defOf(schema: unknown): Record<string, unknown> | undefined {
	return (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
}
