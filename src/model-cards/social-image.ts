import sharp from 'sharp';

/** Size of the social image, as Open Graph and Twitter cards expect. */
export const SOCIAL_IMAGE = { width: 1200, height: 630 } as const;

/** What a social image shows. Every string is escaped before it enters the SVG. */
export interface SocialImageInput {
	name: string;
	version: string;
	aliases: string[];
	/** Two or three key metrics, already formatted. */
	metrics: { label: string; value: string }[];
	/** A metric history for the sparkline; null or fewer than two values draws none. */
	sparkline: { label: string; values: number[] } | null;
	/** Small line at the top. @example "mlpages model card" */
	kicker?: string;
	/** Small line at the bottom. @example "Registered 2026-04-02 by grace · run rf-3" */
	footer?: string;
}

/**
 * Escapes text for SVG/XML content and attribute values, and drops the control characters
 * XML 1.0 forbids (they would make the whole image fail to render).
 */
export function escapeXml(text: string): string {
	return text
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

// Rough advance widths of DejaVu Sans in ems; wide scripts count double.
const width = (text: string, size: number) =>
	[...text].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.62), 0) * size;

/** Cuts `text` with an ellipsis so that it fits `max` pixels at `size`. */
export function fitText(text: string, size: number, max: number): string {
	if (width(text, size) <= max) return text;
	const chars = [...text];
	while (chars.length > 1 && width(`${chars.join('')}…`, size) > max) chars.pop();
	return `${chars.join('')}…`;
}

const FONT = "font-family=\"'DejaVu Sans', 'Liberation Sans', Arial, sans-serif\"";

/** The points of a sparkline polyline inside a box, or null when it cannot be drawn. */
export function sparklinePoints(values: number[], w: number, h: number): string | null {
	const finite = values.filter(Number.isFinite);
	if (finite.length < 2) return null;
	const min = Math.min(...finite);
	const span = Math.max(...finite) - min || 1;
	return finite
		.map((v, i) => `${((i / (finite.length - 1)) * w).toFixed(1)},${(h - ((v - min) / span) * h).toFixed(1)}`)
		.join(' ');
}

/** The social image as SVG source, 1200×630. */
export function socialImageSvg(input: SocialImageInput): string {
	const { width: W, height: H } = SOCIAL_IMAGE;
	const nameSize = [72, 64, 56, 48, 40].find((s) => width(input.name, s) <= W - 160) ?? 40;
	const name = fitText(input.name, nameSize, W - 160);
	const aliases = input.aliases.slice(0, 4);
	const versionLabel = fitText(`version ${input.version}`, 34, 420);
	let x = 80 + width(versionLabel, 34) + 28;
	const chips = aliases.map((a) => {
		const label = fitText(`@${a}`, 26, 240);
		const w = width(label, 26) + 36;
		const chip = `<g transform="translate(${x.toFixed(0)},236)"><rect width="${w.toFixed(0)}" height="46" rx="23" fill="#1f6feb"/><text x="18" y="32" font-size="26" fill="#fff" ${FONT}>${escapeXml(label)}</text></g>`;
		x += w + 14;
		return chip;
	});
	const metrics = input.metrics.slice(0, 3).map((m, i) => {
		const mx = 80 + i * 250;
		return `<g transform="translate(${mx},360)"><text y="0" font-size="24" fill="#9aa4b2" ${FONT}>${escapeXml(fitText(m.label, 24, 230))}</text><text y="64" font-size="56" font-weight="bold" fill="#f5f7fa" ${FONT}>${escapeXml(fitText(m.value, 56, 230))}</text></g>`;
	});
	const points = input.sparkline ? sparklinePoints(input.sparkline.values, 276, 100) : null;
	const spark =
		points && input.sparkline
			? `<g transform="translate(830,350)"><text y="-14" font-size="22" fill="#9aa4b2" ${FONT}>${escapeXml(fitText(input.sparkline.label, 22, 300))}</text><rect y="0" width="300" height="130" fill="#161b22" rx="8"/><polyline transform="translate(12,15)" points="${points}" fill="none" stroke="#3fb950" stroke-width="4" stroke-linejoin="round" stroke-linecap="round"/></g>`
			: '';
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
		`<rect width="${W}" height="${H}" fill="#0d1117"/>`,
		`<rect x="0" y="0" width="${W}" height="10" fill="#1f6feb"/>`,
		`<text x="80" y="96" font-size="28" fill="#9aa4b2" ${FONT}>${escapeXml(fitText(input.kicker ?? 'Model card', 28, W - 160))}</text>`,
		`<text x="80" y="176" font-size="${nameSize}" font-weight="bold" fill="#f5f7fa" ${FONT}>${escapeXml(name)}</text>`,
		`<text x="80" y="270" font-size="34" fill="#c9d1d9" ${FONT}>${escapeXml(versionLabel)}</text>`,
		...chips,
		...metrics,
		input.metrics.length === 0 ? `<text x="80" y="420" font-size="30" fill="#9aa4b2" ${FONT}>No metrics recorded</text>` : '',
		spark,
		input.footer ? `<text x="80" y="575" font-size="24" fill="#9aa4b2" ${FONT}>${escapeXml(fitText(input.footer, 24, W - 160))}</text>` : '',
		`<rect x="0" y="${H - 10}" width="${W}" height="10" fill="#161b22"/>`,
		'</svg>',
	].join('\n');
}

/** The social image as PNG bytes (1200×630), rendered with sharp. */
export async function socialImagePng(input: SocialImageInput): Promise<Buffer> {
	return sharp(Buffer.from(socialImageSvg(input))).png({ compressionLevel: 9 }).toBuffer();
}
