import { fileURLToPath } from 'node:url';
import { gitRunner } from '../../src/diff/git-runner.ts';
import { readSnapshot, type DiffedSnapshot } from '../../src/diff/read-snapshot.ts';
import { resolveSide } from '../../src/diff/resolve-side.ts';

/** Two snapshots of the penguins example: head adds a run and version 3, finishes a run, drops a failed one, moves @champion 2 → 3. */
export const SNAPSHOTS = fileURLToPath(new URL('../fixtures/snapshots/', import.meta.url));

/** Reads `base` or `head` from the fixtures, labelled by that name. */
export async function fixture(side: 'base' | 'head'): Promise<DiffedSnapshot> {
	return readSnapshot(await resolveSide(side, SNAPSHOTS, gitRunner(SNAPSHOTS)));
}
