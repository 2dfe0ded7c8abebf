import type { Skipped } from '../schemas/manifest.ts';

type Kind = Skipped['kind'];
type Reason = Skipped['reason'];

/** At most this many ids are listed per kind and reason; `count` stays exact. */
const MAX_IDS = 100;

/** Counts what an export leaves out, for `manifest.skipped`. */
export class SkippedTally {
	#groups = new Map<string, { kind: Kind; reason: Reason; count: number; ids: Set<string> }>();

	add(kind: Kind, reason: Reason, id: string, count = 1): void {
		const k = `${kind}\u0000${reason}`;
		let g = this.#groups.get(k);
		if (!g) this.#groups.set(k, (g = { kind, reason, count: 0, ids: new Set() }));
		g.count += count;
		g.ids.add(id);
	}

	count(kind: Kind, reason: Reason): number {
		return this.#groups.get(`${kind}\u0000${reason}`)?.count ?? 0;
	}

	/** Sorted by kind then reason; ids sorted, the first 100 kept. */
	toJSON(): Skipped[] {
		return [...this.#groups.values()]
			.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0))
			.map((g) => ({ kind: g.kind, reason: g.reason, count: g.count, ids: [...g.ids].sort().slice(0, MAX_IDS) }));
	}
}
