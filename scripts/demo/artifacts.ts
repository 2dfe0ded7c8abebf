import sharp from 'sharp';
import { SPECIES, FEATURE_NAMES } from './penguins.ts';
import { pythonJson } from './python-json.ts';
import { pythonYaml } from './python-yaml.ts';
import type { ClassificationReport } from './evaluation.ts';
import type { TrainResult } from './train.ts';

const escape = (text: string): string =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An SVG heat map of a confusion matrix (rows: actual species, columns: predicted). */
export function confusionMatrixSvg(matrix: number[][], title: string): string {
	const cell = 64;
	const left = 110;
	const top = 70;
	const max = Math.max(1, ...matrix.flat());
	const size = SPECIES.length * cell;
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${left + size + 20}" height="${top + size + 50}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">`,
		`<rect width="100%" height="100%" fill="#ffffff"/>`,
		`<text x="${left + size / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escape(title)}</text>`,
		`<text x="${left + size / 2}" y="${top - 28}" text-anchor="middle">predicted</text>`,
		`<text x="18" y="${top + size / 2}" text-anchor="middle" transform="rotate(-90 18 ${top + size / 2})">actual</text>`,
	];
	SPECIES.forEach((species, k) => {
		parts.push(
			`<text x="${left + k * cell + cell / 2}" y="${top - 8}" text-anchor="middle">${species}</text>`,
		);
		parts.push(
			`<text x="${left - 8}" y="${top + k * cell + cell / 2 + 5}" text-anchor="end">${species}</text>`,
		);
	});
	matrix.forEach((row, i) =>
		row.forEach((count, j) => {
			const shade = Math.round(245 - (count / max) * 190);
			const fill = `rgb(${shade},${Math.round(shade * 0.9 + 20)},255)`;
			const ink = count / max > 0.55 ? '#ffffff' : '#1a1a1a';
			parts.push(
				`<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ffffff"/>`,
				`<text x="${left + j * cell + cell / 2}" y="${top + i * cell + cell / 2 + 5}" text-anchor="middle" fill="${ink}" font-size="16">${count}</text>`,
			);
		}),
	);
	parts.push('</svg>');
	return parts.join('\n');
}

/** The confusion matrix as a PNG image (rendered by sharp from the SVG, palette-compressed). */
export async function confusionMatrixPng(matrix: number[][], title: string): Promise<Uint8Array> {
	const png = await sharp(Buffer.from(confusionMatrixSvg(matrix, title)))
		.png({ palette: true, colours: 64, compressionLevel: 9 })
		.toBuffer();
	return new Uint8Array(png);
}

/** `classification_report.json`: the report plus the confusion matrix, two-space indented. */
export function classificationReportJson(report: ClassificationReport, matrix: number[][]): string {
	return `${pythonJson({ ...report, confusion_matrix: { labels: [...SPECIES], matrix } }, 2)}\n`;
}

/** `weights.json`: the trained layers, rounded to 6 significant digits to stay small. */
export function weightsJson(result: TrainResult, config: Record<string, unknown>): string {
	const round = (value: number): number => Number(value.toPrecision(6));
	return `${pythonJson({
		config,
		classes: [...SPECIES],
		features: [...FEATURE_NAMES],
		layers: result.layers.map((layer) => ({
			inputs: layer.inputs,
			outputs: layer.outputs,
			w: layer.w.map(round),
			b: layer.b.map(round),
		})),
	})}\n`;
}

/** Inputs the model expects: column specs as MLflow's `Schema.to_json()` writes them. */
const signatureInputs = pythonJson(
	FEATURE_NAMES.map((name) => ({
		type: name.startsWith('island_') || name === 'sex_male' ? 'long' : 'double',
		name,
		required: true,
	})),
);
const signatureOutputs = pythonJson([{ type: 'string', required: true }]);

/**
 * An MLflow 3 `MLmodel` file: keys sorted like PyYAML's `sort_keys`, signature inputs and outputs
 * as JSON strings, `artifact_path` holding the logged model's artifact URI.
 */
export function mlmodelYaml(options: {
	artifactUri: string;
	modelId: string;
	runId: string;
	createdAt: number;
	sizeBytes: number;
	modelType: string;
}): string {
	const created = new Date(options.createdAt).toISOString().replace('T', ' ').replace('Z', '000');
	const document = {
		artifact_path: options.artifactUri,
		flavors: {
			mlpages_demo: { data: 'weights.json', model_type: options.modelType, runtime: 'typescript' },
			python_function: {
				data: 'weights.json',
				env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
				loader_module: 'mlpages_demo.pyfunc',
				python_version: '3.12.9',
			},
		},
		is_signature_from_type_hint: false,
		mlflow_version: '3.14.0',
		model_id: options.modelId,
		model_size_bytes: options.sizeBytes,
		model_uuid: options.modelId,
		prompts: null,
		run_id: options.runId,
		signature: { inputs: signatureInputs, outputs: signatureOutputs, params: null },
		utc_time_created: created,
	};
	return pythonYaml(document);
}
