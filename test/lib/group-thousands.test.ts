import { describe, expect, it } from 'vitest';
import { groupThousands } from '../../src/lib/group-thousands.ts';

describe('groupThousands', () => {
	it('writes counts as toLocaleString does in en-US', () => {
		for (const x of [0, 7, 999, 1000, 12_345, 625_206, 1_000_000, 6_246_910, 2 ** 40]) expect(groupThousands(x)).toBe(x.toLocaleString('en-US'));
	});
});
