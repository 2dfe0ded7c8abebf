import { groupThousands } from './group-thousands.ts';

/** Counts an export reports while it runs. */
export interface ProgressCounts {
	experiments: number;
	experimentsTotal: number;
	runs: number;
	points: number;
}

/** Receives progress; `done` clears a terminal bar. */
export interface Progress {
	update(counts: ProgressCounts): void;
	done(): void;
}

export const noopProgress: Progress = { update() {}, done() {} };

export interface ProgressOptions {
	/** Where to write (stderr by default, so stdout stays for results). */
	stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
	/** Clock in milliseconds; injected by tests. */
	now?: () => number;
	/** Minimum time between two redraws (TTY) or two lines (otherwise). */
	intervalMs?: number;
}

/**
 * A progress reporter: on a terminal, one bar redrawn in place (experiments done of total, runs,
 * points); elsewhere (CI logs), a plain line at most every `intervalMs` (10 s by default).
 */
export function createProgress(options: ProgressOptions = {}): Progress {
	const stream = options.stream ?? process.stderr;
	const now = options.now ?? (() => performance.now());
	const tty = Boolean(stream.isTTY);
	const interval = options.intervalMs ?? (tty ? 100 : 10_000);
	let last = -Infinity;
	let drawn = false;
	return {
		update(c) {
			const t = now();
			if (t - last < interval) return;
			last = t;
			if (tty) {
				const width = 24;
				const filled = c.experimentsTotal === 0 ? width : Math.round((width * c.experiments) / c.experimentsTotal);
				const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
				stream.write(`\r${bar} ${formatLine(c)}\u001b[K`);
				drawn = true;
			} else {
				stream.write(`export: ${formatLine(c)}\n`);
			}
		},
		done() {
			if (drawn) stream.write('\r\u001b[K');
			drawn = false;
		},
	};
}

/** `3/5 experiments, 120 runs, 45,000 points` */
export function formatLine(c: ProgressCounts): string {
	return `${groupThousands(c.experiments)}/${groupThousands(c.experimentsTotal)} experiments, ${groupThousands(c.runs)} runs, ${groupThousands(c.points)} points`;
}
