import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/lib/compare-versions.ts';

describe('compareVersions', () => {
	it('orders registry versions as numbers and SemVer-like versions part by part', () => {
		expect(['10', '2', '1'].sort(compareVersions)).toEqual(['1', '2', '10']);
		expect(['1.10.0', '1.2.0', '1.2'].sort(compareVersions)).toEqual(['1.2', '1.2.0', '1.10.0']);
	});

	it('falls back to text order for anything else, consistently', () => {
		expect(['b', '1.0.0-rc1', 'a', '2'].sort(compareVersions)).toEqual(['1.0.0-rc1', '2', 'a', 'b']);
		expect(compareVersions('', '')).toBe(0);
	});
});
