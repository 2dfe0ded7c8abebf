import { createHash } from 'node:crypto';

/** A seeded pseudo-random source: `next()` in [0, 1), `normal()` standard normal. */
export interface Random {
	next(): number;
	normal(): number;
	/** Fisher–Yates shuffle in place; returns the array. */
	shuffle<T>(items: T[]): T[];
}

/** mulberry32: a tiny 32-bit PRNG, good enough for weight init and shuffling, fully reproducible. */
export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		normal() {
			// Box–Muller; 1 - next() keeps the log argument in (0, 1].
			const u = 1 - next();
			const v = next();
			return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		},
		shuffle(items) {
			for (let i = items.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				const swap = items[i] as (typeof items)[number];
				items[i] = items[j] as (typeof items)[number];
				items[j] = swap;
			}
			return items;
		},
	};
}

/**
 * A stable 32-hex-character id (the shape of MLflow's `uuid4().hex`) derived from a label, so
 * the same store content always gets the same ids.
 */
export function stableHexId(label: string): string {
	return createHash('sha256').update(`mlpages-demo/${label}`).digest('hex').slice(0, 32);
}

/** MD5 hex digest, as MLflow uses for dataset digests and file-store input ids. */
export function md5Hex(text: string): string {
	return createHash('md5').update(text).digest('hex');
}
