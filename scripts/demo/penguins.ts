import { readFileSync } from 'node:fs';
import type { Random } from './random.ts';

/** The three species, in label order. */
export const SPECIES = ['Adelie', 'Chinstrap', 'Gentoo'] as const;
const ISLANDS = ['Biscoe', 'Dream', 'Torgersen'] as const;
const NUMERIC = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'] as const;

/** Model inputs after encoding: four measurements, island one-hot, sex as 0/1. */
export const FEATURE_NAMES = [
	...NUMERIC,
	'island_Biscoe',
	'island_Dream',
	'island_Torgersen',
	'sex_male',
] as const;

/** One split of the data: a row-major feature matrix and integer labels. */
export interface Split {
	x: number[][];
	y: number[];
}

/** The penguins table, split and standardised with the training split's mean and deviation. */
export interface PenguinData {
	train: Split;
	validation: Split;
	/** Raw CSV lines (without header) of each split, for dataset digests and profiles. */
	trainLines: string[];
	validationLines: string[];
	header: string;
}

/**
 * Reads `penguins.csv` and makes a stratified train/validation split (75 % / 25 % of each species,
 * shuffled by `random`), then standardises the four measurements with the training statistics.
 */
export function loadPenguins(csvPath: string, random: Random): PenguinData {
	const [header = '', ...lines] = readFileSync(csvPath, 'utf8').trim().split('\n');
	const columns = header.split(',');
	const byClass: string[][] = SPECIES.map(() => []);
	for (const line of lines) {
		const species = line.split(',')[columns.indexOf('species')] ?? '';
		byClass[SPECIES.indexOf(species as (typeof SPECIES)[number])]?.push(line);
	}
	const trainLines: string[] = [];
	const validationLines: string[] = [];
	for (const group of byClass) {
		const shuffled = random.shuffle([...group]);
		const cut = Math.round(shuffled.length * 0.75);
		trainLines.push(...shuffled.slice(0, cut));
		validationLines.push(...shuffled.slice(cut));
	}
	const encode = (line: string): { features: number[]; label: number } => {
		const cells = line.split(',');
		const cell = (name: string): string => cells[columns.indexOf(name)] ?? '';
		return {
			features: [
				...NUMERIC.map((name) => Number(cell(name))),
				...ISLANDS.map((island) => (cell('island') === island ? 1 : 0)),
				cell('sex') === 'MALE' ? 1 : 0,
			],
			label: SPECIES.indexOf(cell('species') as (typeof SPECIES)[number]),
		};
	};
	const toSplit = (group: string[]): Split => {
		const rows = group.map(encode);
		return { x: rows.map((row) => row.features), y: rows.map((row) => row.label) };
	};
	const train = toSplit(trainLines);
	const validation = toSplit(validationLines);
	for (let j = 0; j < NUMERIC.length; j++) {
		const values = train.x.map((row) => row[j] ?? 0);
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
		for (const row of [...train.x, ...validation.x]) row[j] = ((row[j] ?? 0) - mean) / sd;
	}
	return { train, validation, trainLines, validationLines, header };
}
