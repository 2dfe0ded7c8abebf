import { SPECIES } from './penguins.ts';

/** Per-class and averaged scores in the shape of scikit-learn's `classification_report(output_dict=True)`. */
export interface ClassificationReport {
	[label: string]:
		number | { precision: number; recall: number; 'f1-score': number; support: number };
}

/** Confusion matrix: `matrix[actual][predicted]` counts. */
export function confusionMatrix(actual: number[], predicted: number[]): number[][] {
	const matrix = SPECIES.map(() => SPECIES.map(() => 0));
	actual.forEach((label, n) => {
		const row = matrix[label] as number[];
		const p = predicted[n] ?? 0;
		row[p] = (row[p] ?? 0) + 1;
	});
	return matrix;
}

/** Precision, recall and F1 per species, plus accuracy, macro and weighted averages. */
export function classificationReport(matrix: number[][]): ClassificationReport {
	const total = matrix.flat().reduce((a, b) => a + b, 0);
	const report: ClassificationReport = {};
	const rows = SPECIES.map((species, k) => {
		const tp = matrix[k]?.[k] ?? 0;
		const support = (matrix[k] ?? []).reduce((a, b) => a + b, 0);
		const predicted = matrix.reduce((sum, row) => sum + (row[k] ?? 0), 0);
		const precision = predicted === 0 ? 0 : tp / predicted;
		const recall = support === 0 ? 0 : tp / support;
		const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
		report[species] = { precision, recall, 'f1-score': f1, support };
		return { precision, recall, f1, support };
	});
	const mean = (pick: (row: (typeof rows)[number]) => number, weighted: boolean): number =>
		rows.reduce(
			(sum, row) => sum + pick(row) * (weighted ? row.support / total : 1 / rows.length),
			0,
		);
	report['accuracy'] = SPECIES.reduce((sum, _, k) => sum + (matrix[k]?.[k] ?? 0), 0) / total;
	for (const [name, weighted] of [
		['macro avg', false],
		['weighted avg', true],
	] as const) {
		report[name] = {
			precision: mean((row) => row.precision, weighted),
			recall: mean((row) => row.recall, weighted),
			'f1-score': mean((row) => row.f1, weighted),
			support: total,
		};
	}
	return report;
}
