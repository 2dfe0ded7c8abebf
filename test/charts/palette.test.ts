import { describe, expect, it } from 'vitest';
import { SERIES_COLORS } from '../../src/charts/palette.ts';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
};

describe('SERIES_COLORS', () => {
	it('has ten distinct colours that keep 3:1 contrast on the light and the dark page', () => {
		expect(new Set(SERIES_COLORS).size).toBe(10);
		for (const colour of SERIES_COLORS) {
			expect(contrast(colour, '#ffffff'), `${colour} on light`).toBeGreaterThanOrEqual(3);
			expect(contrast(colour, '#15171a'), `${colour} on dark`).toBeGreaterThanOrEqual(3);
		}
	});
});
