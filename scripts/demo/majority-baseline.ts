import type { Split } from './penguins.ts';
import type { TrainResult } from './train.ts';

/**
 * The trivial baseline: always predict the most frequent training class; its loss uses the
 * training class frequencies as probabilities. One "epoch" is reported.
 */
export function majorityBaseline(train: Split, validation: Split, classes: number): TrainResult {
	const counts = new Array<number>(classes).fill(0);
	for (const label of train.y) counts[label] = (counts[label] ?? 0) + 1;
	const majority = counts.indexOf(Math.max(...counts));
	const priors = counts.map((count) => count / train.y.length);
	const loss = (split: Split): number =>
		split.y.reduce((sum, label) => sum - Math.log(priors[label] ?? 0), 0) / split.y.length;
	const accuracy = (split: Split): number =>
		split.y.filter((label) => label === majority).length / split.y.length;
	return {
		history: [
			{
				epoch: 0,
				trainLoss: loss(train),
				valLoss: loss(validation),
				trainAccuracy: accuracy(train),
				valAccuracy: accuracy(validation),
				learningRate: 0,
			},
		],
		diverged: false,
		valPredictions: validation.y.map(() => majority),
		layers: [],
	};
}
