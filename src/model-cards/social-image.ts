import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { mlpagesCacheDir } from '../lib/cache-dir.ts';
import { readMemo, writeMemo } from '../lib/file-memo.ts';

/** Size of the social image, as Open Graph and Twitter cards expect. */
export const SOCIAL_IMAGE = { width: 1200, height: 630 } as const;

/** What a social image shows. Every string is escaped before it enters the SVG. */
export interface SocialImageInput {
	name: string;
	/** Model version, shown as `version 3` under the name; see `subtitle` for other pages. */
	version?: string;
	/** Line under the name instead of the version. @example "29 runs · 1 failed" */
	subtitle?: string;
	/** Alias chips beside the version. A version's own image leaves them out: aliases move. */
	aliases: string[];
	/** Two or three key metrics, already formatted. */
	metrics: { label: string; value: string }[];
	/** A metric history for the sparkline; null or fewer than two values draws none. */
	sparkline: { label: string; values: number[] } | null;
	/** Small line at the top. @example "mlpages model card" */
	kicker?: string;
	/** Small line at the bottom. @example "Registered 2026-04-02 by grace · run rf-3" */
	footer?: string;
	/** A paragraph in place of the metrics (a report's description), at most three lines. */
	text?: string;
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

// Advance widths of DejaVu Sans in ems, by kind of character (bold is about 10 % wider); wide
// scripts count as one em. Slightly generous, so text never runs past its box.
const advance = (ch: string) => {
	const code = ch.codePointAt(0) ?? 0;
	if (code >= 0x2e80) return 1;
	if (/[0-9]/.test(ch)) return 0.64;
	if (/[A-Z]/.test(ch)) return 0.7;
	if (/[a-z]/.test(ch)) return /[ijlft]/.test(ch) ? 0.34 : /[mw]/.test(ch) ? 0.92 : 0.6;
	if (/[\s.,:;'|!()[\]]/.test(ch)) return 0.36;
	return 0.7;
};
/**
 * Code points of a text considered when fitting it: no line of the image holds more than about
 * 130 characters, so a longer name (20,000 characters cost 16 s to fit, one character at a time)
 * is cut here first.
 */
const MAX_FIT_CHARS = 1000;
const fitChars = (text: string) => Array.from(text.length > MAX_FIT_CHARS * 2 ? text.slice(0, MAX_FIT_CHARS * 2) : text).slice(0, MAX_FIT_CHARS);
const width = (text: string, size: number, bold = false) => {
	let ems = 0;
	for (const ch of fitChars(text)) ems += advance(ch);
	return ems * size * (bold ? 1.1 : 1);
};

/**
 * Cuts `text` with an ellipsis so that it fits `max` pixels at `size`: the longest prefix (at
 * least one character) that fits with the ellipsis. Linear in the text's length, which is first
 * cut to MAX_FIT_CHARS code points.
 */
export function fitText(text: string, size: number, max: number, bold = false): string {
	const chars = fitChars(text);
	const scale = size * (bold ? 1.1 : 1);
	const total = chars.reduce((w, ch) => w + advance(ch), 0) * scale;
	if (total <= max && chars.join('') === text) return text;
	const budget = max / scale - advance('…');
	let ems = 0;
	let kept = 0;
	while (kept < chars.length && ems + advance(chars[kept]!) <= budget) ems += advance(chars[kept++]!);
	return `${chars.slice(0, Math.max(1, kept)).join('')}…`;
}

/** `text` in at most `lines` lines of `max` pixels at `size`, broken at spaces; the last one cut with an ellipsis. */
export function wrapText(text: string, size: number, max: number, lines: number, bold = false): string[] {
	const out: string[] = [];
	let line = '';
	const words = text.trim().split(/\s+/).filter(Boolean);
	for (let i = 0; i < words.length; i++) {
		const next = line ? `${line} ${words[i]}` : words[i]!;
		if (width(next, size, bold) <= max || !line) {
			line = next;
			continue;
		}
		if (out.length === lines - 1) {
			out.push(fitText(`${line} ${words.slice(i).join(' ')}`, size, max, bold));
			return out;
		}
		out.push(line);
		line = words[i]!;
	}
	if (line) out.push(fitText(line, size, max, bold));
	return out;
}

/** The largest of `sizes` at which `text` fits `max` pixels, else the smallest. */
const fitSize = (text: string, sizes: number[], max: number, bold = false) =>
	sizes.find((s) => width(text, s, bold) <= max) ?? sizes.at(-1)!;

const FONT = "font-family=\"'DejaVu Sans', 'Liberation Sans', Arial, sans-serif\"";

/** The points of a sparkline polyline inside a box, or null when it cannot be drawn. */
export function sparklinePoints(values: number[], w: number, h: number): string | null {
	const finite = values.filter(Number.isFinite);
	if (finite.length < 2) return null;
	// A loop, not Math.min(...finite): a spread of 100,000 values overflows the stack.
	let min = Infinity;
	let maxValue = -Infinity;
	for (const v of finite) {
		if (v < min) min = v;
		if (v > maxValue) maxValue = v;
	}
	const span = maxValue - min || 1;
	return finite
		.map((v, i) => `${((i / (finite.length - 1)) * w).toFixed(1)},${(h - ((v - min) / span) * h).toFixed(1)}`)
		.join(' ');
}

/** The social image as SVG source, 1200×630. */
export function socialImageSvg(input: SocialImageInput): string {
	const { width: W, height: H } = SOCIAL_IMAGE;
	const nameSize = fitSize(input.name, [72, 64, 56, 48, 40], W - 160, true);
	// A name too long for one line at the smallest size (a report's title) takes two, smaller.
	const nameLines =
		width(input.name, nameSize, true) > W - 160
			? wrapText(input.name, 46, W - 160, 2, true).map((line, i) => `<text x="80" y="${146 + i * 58}" font-size="46" font-weight="bold" fill="#f5f7fa" ${FONT}>${escapeXml(line)}</text>`)
			: [`<text x="80" y="176" font-size="${nameSize}" font-weight="bold" fill="#f5f7fa" ${FONT}>${escapeXml(input.name)}</text>`];
	const aliases = input.aliases.slice(0, 4);
	const versionLabel = fitText(input.subtitle ?? (input.version === undefined ? '' : `version ${input.version}`), 34, input.subtitle === undefined ? 420 : W - 160);
	let x = 80 + width(versionLabel, 34) + 24;
	const chips = aliases.map((a) => {
		const label = fitText(`@${a}`, 26, 240);
		const w = width(label, 26) + 36;
		const chip = `<g transform="translate(${x.toFixed(0)},236)"><rect width="${w.toFixed(0)}" height="46" rx="23" fill="#1f6feb"/><text x="18" y="32" font-size="26" fill="#fff" ${FONT}>${escapeXml(label)}</text></g>`;
		x += w + 14;
		return chip;
	});
	const metrics = (input.text ? [] : input.metrics.slice(0, 3)).map((m, i) => {
		const mx = 80 + i * 250;
		const valueSize = fitSize(m.value, [56, 48, 40, 34], 230, true);
		const labelSize = fitSize(m.label, [24, 21, 18], 230);
		return `<g transform="translate(${mx},360)"><text y="0" font-size="${labelSize}" fill="#9aa4b2" ${FONT}>${escapeXml(fitText(m.label, labelSize, 230))}</text><text y="64" font-size="${valueSize}" font-weight="bold" fill="#f5f7fa" ${FONT}>${escapeXml(fitText(m.value, valueSize, 230, true))}</text></g>`;
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
		`<text x="80" y="${nameLines.length > 1 ? 82 : 96}" font-size="28" fill="#9aa4b2" ${FONT}>${escapeXml(fitText(input.kicker ?? 'Model card', 28, W - 160))}</text>`,
		...nameLines,
		`<text x="80" y="270" font-size="34" fill="#c9d1d9" ${FONT}>${escapeXml(versionLabel)}</text>`,
		...chips,
		...metrics,
		...(input.text
			? wrapText(input.text, 30, W - 160, 3).map((line, i) => `<text x="80" y="${380 + i * 44}" font-size="30" fill="#c9d1d9" ${FONT}>${escapeXml(line)}</text>`)
			: input.metrics.length === 0
				? [`<text x="80" y="420" font-size="30" fill="#9aa4b2" ${FONT}>No metrics recorded</text>`]
				: []),
		spark,
		input.footer ? `<text x="80" y="575" font-size="24" fill="#9aa4b2" ${FONT}>${escapeXml(fitText(input.footer, 24, W - 160))}</text>` : '',
		`<rect x="0" y="${H - 10}" width="${W}" height="10" fill="#161b22"/>`,
		'</svg>',
	].join('\n');
}

/** The social image as PNG bytes (1200×630), rendered with sharp, or read from `cacheDir` when the same SVG was rendered before. */
export async function socialImagePng(input: SocialImageInput, cacheDir: string | false = DEFAULT_SOCIAL_IMAGE_CACHE): Promise<Buffer> {
	const svg = socialImageSvg(input);
	const key = createHash('sha256').update(`${SOCIAL_IMAGE_VERSION}\0${sharp.versions.vips}\0`).update(svg).digest('hex').slice(0, 32);
	const file = cacheDir === false ? null : join(resolve(cacheDir), `${key}.png`);
	const cached = file ? await readMemo(file) : null;
	if (cached) return cached;
	// 256 colours (libimagequant, dithered): the image is flat colours, text and one line, and it
	// takes half the bytes of a true-colour PNG (54 KB → 29 KB for an experiment's; 400 of them
	// in a 100,000-run site).
	const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
	if (file) await writeMemo(file, png);
	return png;
}

/** Bump when the encoding above changes, so cached images are made again. */
const SOCIAL_IMAGE_VERSION = 2;
/**
 * Where social images are kept between builds, by the hash of their SVG: an experiment's image
 * changes only with its runs, and making one costs about 0.3 s (libvips renders and compresses
 * 1200×630 pixels), which every build of a site of many experiments paid again.
 */
export const DEFAULT_SOCIAL_IMAGE_CACHE = mlpagesCacheDir('social');
