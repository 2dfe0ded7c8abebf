import { z } from 'astro/zod';

/**
 * A calendar date written `YYYY-MM-DD`, kept as text so it never shifts with the time zone. YAML
 * reads an unquoted date as a timestamp at UTC midnight; it is turned back into the same text.
 */
const IsoDate = z
	.preprocess(
		(value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
		z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD, e.g. 2026-03-03')
			.refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), 'Not a calendar date'),
	);

/**
 * Front matter of an analysis report, `content/reports/<slug>.mdx`. Every experiment and model it
 * names must exist in the snapshot, or the build fails naming the report and the line.
 */
export const ReportSchema = z.object({
	/** Title of the report page and of its entry in the lists. */
	title: z.string().min(1),
	/** One or two sentences: what the report finds. Shown in the lists and to search engines. */
	description: z.string().min(1),
	/** Who wrote it, as they want to be named. @example ["Ana Lima"] */
	authors: z.array(z.string().min(1)).min(1),
	/** Date of the analysis, `YYYY-MM-DD`. @example "2026-03-03" */
	date: IsoDate,
	/** Free keywords, shown as chips. @default [] */
	tags: z.array(z.string().min(1)).default([]),
	/** Experiments the report discusses, by id, name or slug. @default [] */
	experiments: z.array(z.string().min(1)).default([]),
	/** Models the report discusses, by name or slug, optionally `@alias` or `/version`. @default [] */
	models: z.array(z.string().min(1)).default([]),
	/** A draft is built but left out of the lists and the search index. @default false */
	draft: z.boolean().default(false),
});
export type Report = z.output<typeof ReportSchema>;
