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
}
