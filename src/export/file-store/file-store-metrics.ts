import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { skippedBadRecord, skippedMetricLine, skippedMoreMetricLines } from '../../messages.ts';
import type { RawMetricPoint } from '../source-reader.ts';
import { display, READ_FLAGS, readFirstChunk, SCRATCH_BYTES, type StoreContext } from './file-store-walk.ts';
import { parseMetricValue } from '../parse-metric-value.ts';

/** One value of a logged model's metric file (MLflow 3). */
export interface ModelMetricPoint extends RawMetricPoint {
	/** The run that logged the value. */
	runId: string;
	datasetName: string | null;
	datasetDigest: string | null;
}

/**
 * Whose metric file it is. Run files hold `ts value step` (2 fields before MLflow 1.0: step 0)
 * or `ts value step dataset_name dataset_digest`; logged-model files (MLflow 3) hold
 * `ts value step run_id` or `ts value step run_id dataset_name dataset_digest`. A dataset name
 * with spaces gives more fields: the name is everything between the fixed fields and the digest.
 */
export type MetricFileKind = 'run' | 'model';
type PointOf<K extends MetricFileKind> = K extends 'run' ? RawMetricPoint : ModelMetricPoint;

/** Unreadable lines reported one by one per file; the rest are counted in one warning. */
const LINE_WARNINGS_PER_FILE = 5;

/**
 * The values of one metric file in file order (append order; duplicates kept), as
 * `{ key, value, timestamp, step }` for a run (plus `runId` and dataset for a logged model),
 * in batches: the whole file when it fits the scratch buffer (1 MiB), else one batch per chunk,
 * read at increasing offsets with the file closed between chunks, so a paused reader holds no
 * descriptor and little memory. Empty lines are ignored, `\r` of Windows line ends is stripped,
 * unreadable lines are skipped with a warning naming file and line, and a file holding binary
 * data is skipped whole.
 */
export function* readMetricBatches<K extends MetricFileKind>(
	ctx: StoreContext,
	file: { key: string; path: string; rel: string },
	kind: K,
): Generator<Array<PointOf<K>>> {
	let lineNo = 0;
	let warned = 0;
	let carry = '';
	const parseInto = (batch: Array<PointOf<K>>, line: string) => {
		lineNo++;
		const parsed = parseMetricLine(line, kind, file.key);
		if (parsed === null) return;
		if (typeof parsed !== 'string') {
			batch.push(parsed);
			return;
		}
		warned++;
		if (warned <= LINE_WARNINGS_PER_FILE) ctx.warn(skippedMetricLine(display(ctx, file.rel), lineNo, parsed));
	};
	for (const chunk of textChunks(file.path)) {
		if (chunk.includes('\0')) {
			ctx.warn(skippedBadRecord('metric file', display(ctx, file.rel), 'it holds binary data'));
			return;
		}
		const lines = (carry === '' ? chunk : carry + chunk).split('\n');
		carry = lines.pop()!;
		const batch: Array<PointOf<K>> = [];
		for (const line of lines) parseInto(batch, line);
		if (batch.length > 0) yield batch;
	}
	const last: Array<PointOf<K>> = [];
	if (carry !== '') parseInto(last, carry);
	if (last.length > 0) yield last;
	if (warned > LINE_WARNINGS_PER_FILE) {
		ctx.warn(skippedMoreMetricLines(display(ctx, file.rel), warned - LINE_WARNINGS_PER_FILE));
	}
}

/**
 * Parses one line (MLflow's `_get_metric_from_line`: strip, split on single spaces).
 * @returns the point, null for an empty line, or the reason the line cannot be read.
 */
export function parseMetricLine<K extends MetricFileKind>(
	raw: string,
	kind: K,
	key: string,
): PointOf<K> | null | string {
	const line = isSpace(raw.charCodeAt(raw.length - 1)) || isSpace(raw.charCodeAt(0)) ? raw.trim() : raw;
	if (line === '') return null;
	// Fields are cut with indexOf rather than split: this runs once per point.
	const s1 = line.indexOf(' ');
	const s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
	const s3 = s2 < 0 ? -1 : line.indexOf(' ', s2 + 1);
	const n = s1 < 0 ? 1 : s2 < 0 ? 2 : s3 < 0 ? 3 : 4 + countSpaces(line, s3 + 1);
	const valid = kind === 'run' ? n === 2 || n === 3 || n >= 5 : n === 4 || n >= 6;
	if (!valid) {
		const shape = kind === 'run' ? '"timestamp value step"' : '"timestamp value step run_id"';
		return `expected ${shape} but found ${n} field${n === 1 ? '' : 's'}`;
	}
	const timestamp = parseInteger(line, 0, s1);
	if (timestamp === null) return `timestamp "${clip(line.slice(0, s1))}" is not an integer`;
	const valueEnd = s2 < 0 ? line.length : s2;
	const valueText = line.slice(s1 + 1, valueEnd);
	const value = parseMetricValue(valueText);
	if (value === null) return `value "${clip(valueText)}" is not a number`;
	const stepEnd = s3 < 0 ? line.length : s3;
	const step = s2 < 0 ? 0 : parseInteger(line, s2 + 1, stepEnd);
	if (step === null) return `step "${clip(line.slice(s2 + 1, stepEnd))}" is not an integer`;
	if (kind === 'run') return { key, value, timestamp, step } as PointOf<K>;
	const rest = line.slice(s3 + 1).split(' ');
	const point: ModelMetricPoint = {
		key,
		value,
		timestamp,
		step,
		runId: rest[0]!,
		datasetName: rest.length > 1 ? rest.slice(1, -1).join(' ') : null,
		datasetDigest: rest.length > 1 ? rest[rest.length - 1]! : null,
	};
	return point as PointOf<K>;
}

const isSpace = (c: number) => c === 13 || c === 32 || c === 9 || c === 10 || c === 11 || c === 12;

function countSpaces(line: string, from: number): number {
	let count = 0;
	for (let i = line.indexOf(' ', from); i >= 0; i = line.indexOf(' ', i + 1)) count++;
	return count;
}

/**
 * The decimal integer (optional sign) in `text[start, end)`, as Python `int()` reads MLflow's
 * output; null otherwise. One beyond ±2^53 comes back as its nearest double, which the exporter
 * leaves out with a warning (skippedOutOfRangePoints).
 */
function parseInteger(text: string, start: number, end: number): number | null {
	const first = text.charCodeAt(start);
	let i = first === 45 || first === 43 ? start + 1 : start;
	if (i >= end) return null;
	let value = 0;
	for (; i < end; i++) {
		const digit = text.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) return null;
		value = value * 10 + digit;
	}
	return first === 45 ? -value : value;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** The file's text: whole when it fits the scratch buffer, else decoded chunk by chunk. */
function* textChunks(path: string): Generator<string> {
	const first = readFirstChunk(path);
	if (first.complete) {
		yield first.text;
		return;
	}
	const decoder = new StringDecoder('utf8');
	const buffer = Buffer.allocUnsafe(SCRATCH_BYTES);
	for (let position = 0; ; ) {
		const fd = openSync(path, READ_FLAGS);
		let read: number;
		try {
			read = readSync(fd, buffer, 0, buffer.length, position);
		} finally {
			closeSync(fd);
		}
		if (read === 0) break;
		position += read;
		yield decoder.write(buffer.subarray(0, read));
	}
	const rest = decoder.end();
	if (rest !== '') yield rest;
}
