import { describe, expect, it } from 'vitest';
import { astroHeapLimitMb, astroNodeOptions } from '../../src/cli/astro-heap.ts';

describe('the heap limit npm run build gives astro build', () => {
	it('grows with the runs from 1.5 GiB to at most 4 GiB', () => {
		expect(astroHeapLimitMb(0)).toBe(1536);
		expect(astroHeapLimitMb(10_000)).toBe(1536);
		expect(astroHeapLimitMb(20_000)).toBe(2001);
		expect(astroHeapLimitMb(100_000)).toBe(4096);
	});

	it('keeps the caller’s NODE_OPTIONS and never overrides a heap limit they set', () => {
		expect(astroNodeOptions(undefined, 10)).toBe('--max-old-space-size=1536');
		expect(astroNodeOptions('--enable-source-maps', 30_000)).toBe('--enable-source-maps --max-old-space-size=2489');
		expect(astroNodeOptions('--max-old-space-size=8192', 10)).toBe('--max-old-space-size=8192');
		expect(astroNodeOptions('--max-old-space-size 3000', 10)).toBe('--max-old-space-size 3000');
	});
});
