import type { Direction } from '../schemas/config.ts';
import type { RunTableData } from '../lib/run-table-data.ts';

/** The shape of `/compare/runs.json`. */
export interface CompareIndex {
	v: 1;
	/** Experiment name and page slug by experiment id. */
	experiments: Record<string, { name: string; slug: string }>;
	/** The configuration's `metrics.direction`. */
	directions: Record<string, Direction>;
	/** Every run of the site, without tags. */
	runs: RunTableData;
	/**
	 * Image artifacts per run, aligned with `runs.ids`, as `[artifact path, thumbnail path below
	 * /runs/<id>/]`; null for a run with none. The compare page shows the images logged under the
	 * same path side by side. Only images the exporter copied are listed (no decoding here: one
	 * that cannot be decoded has no thumbnail, and the page says so).
	 */
	images: ([string, string][] | null)[];
}
