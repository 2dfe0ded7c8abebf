import type { CollectionEntry } from 'astro:content';
import { snapshotCollection } from '../../lib/site-data.ts';

/** A report of the site: its URL id (the file name) and front matter. */
export type ReportEntry = CollectionEntry<'reports'>;

/** Published reports (drafts left out), newest date first, then by title. */
export async function getReports(): Promise<ReportEntry[]> {
	return (await snapshotCollection('reports', (entry) => !entry.data.draft)).sort(
		(a, b) => b.data.date.localeCompare(a.data.date) || a.data.title.localeCompare(b.data.title),
	);
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A report date `YYYY-MM-DD` for people, e.g. `3 March 2026`; independent of the time zone. */
export function formatReportDate(date: string): string {
	return DATE.format(new Date(`${date}T00:00:00Z`));
}
