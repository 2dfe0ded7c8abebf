import { createRandom } from './random.ts';
import { majorityBaseline } from './majority-baseline.ts';
import { createNetwork } from './network.ts';
import { createOptimizer } from './optimizer.ts';
import type { Split } from './penguins.ts';

/** Hyperparameters of one training run. */
export interface TrainConfig {
	model: 'logistic_regression' | 'mlp' | 'majority_baseline';
	/** Hidden units of the MLP's single hidden layer (ignored otherwise). */
	hiddenUnits: number;
	activation: 'relu' | 'tanh';
	optimizer: 'sgd' | 'adam';
	learningRate: number;
	/** `cosine`: cosine decay to 1 % of the start; `step`: halve every quarter; `constant`. */
	schedule: 'cosine' | 'step' | 'constant';
	epochs: number;
	batchSize: number;
	/** L2 penalty on weights (not biases), `l2/2 * ||W||²` in the objective; logged losses are plain cross-entropy. */
	l2: number;
	seed: number;
}

/** What one epoch measured, on the whole training and validation splits after the epoch. */
export interface EpochRecord {
	epoch: number;
	trainLoss: number;
	valLoss: number;
	trainAccuracy: number;
	valAccuracy: number;
	learningRate: number;
}

/** A finished (or diverged) training run. */
export interface TrainResult {
	history: EpochRecord[];
	/** True when the loss stopped being finite; `history` then ends with that epoch. */
	diverged: boolean;
	/** Validation predictions of the final model. */
	valPredictions: number[];
	/** Final weights per layer (`w` is row-major inputs × outputs); empty for the baseline. */
	layers: Array<{ inputs: number; outputs: number; w: number[]; b: number[] }>;
}

/** Learning rate of `epoch` (0-based) under the configured schedule. */
export function learningRateAt(config: TrainConfig, epoch: number): number {
	if (config.schedule === 'cosine') {
		const progress = config.epochs <= 1 ? 0 : epoch / (config.epochs - 1);
		return config.learningRate * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * progress)));
	}
	if (config.schedule === 'step') {
		return (
			config.learningRate * 0.5 ** Math.floor(epoch / Math.max(1, Math.floor(config.epochs / 4)))
		);
	}
	return config.learningRate;
}

/**
 * Trains a multinomial logistic regression or a one-hidden-layer MLP with mini-batch gradient
 * descent (SGD with momentum 0.9, or Adam), or fits the majority-class baseline.
 */
export function trainClassifier(config: TrainConfig, train: Split, validation: Split): TrainResult {
	const classes = 3;
	const features = train.x[0]?.length ?? 0;
	if (config.model === 'majority_baseline') return majorityBaseline(train, validation, classes);
	const random = createRandom(config.seed);
	const sizes =
		config.model === 'mlp' ? [features, config.hiddenUnits, classes] : [features, classes];
	const network = createNetwork(sizes, config.activation, random);
	const optimizer = createOptimizer(config.optimizer, network.layers, config.l2);
	const evaluate = (split: Split): { loss: number; accuracy: number; predictions: number[] } => {
		let loss = 0;
		let correct = 0;
		const predictions = split.x.map((x, n) => {
			const probs = network.forward(x).at(-1) as Float64Array;
			const label = split.y[n] ?? 0;
			loss += -Math.log(probs[label] ?? 0);
			const predicted = probs.indexOf(Math.max(...probs));
			if (predicted === label) correct++;
			return predicted;
		});
		return { loss: loss / split.x.length, accuracy: correct / split.x.length, predictions };
	};
	const finish = (
		history: EpochRecord[],
		diverged: boolean,
		valPredictions: number[],
	): TrainResult => ({
		history,
		diverged,
		valPredictions,
		layers: network.layers.map((layer) => ({
			inputs: layer.inputs,
			outputs: layer.outputs,
			w: [...layer.w],
			b: [...layer.b],
		})),
	});

	const history: EpochRecord[] = [];
	const order = train.x.map((_, n) => n);
	for (let epoch = 0; epoch < config.epochs; epoch++) {
		const lr = learningRateAt(config, epoch);
		random.shuffle(order);
		for (let start = 0; start < order.length; start += config.batchSize) {
			const batch = order.slice(start, start + config.batchSize);
			const gw = network.layers.map((layer) => new Float64Array(layer.w.length));
			const gb = network.layers.map((layer) => new Float64Array(layer.b.length));
			for (const n of batch) network.accumulateGradients(train.x[n] ?? [], train.y[n] ?? 0, gw, gb);
			optimizer.step(gw, gb, batch.length, lr);
		}
		const trainEval = evaluate(train);
		const valEval = evaluate(validation);
		history.push({
			epoch,
			trainLoss: trainEval.loss,
			valLoss: valEval.loss,
			trainAccuracy: trainEval.accuracy,
			valAccuracy: valEval.accuracy,
			learningRate: lr,
		});
		if (Number.isNaN(trainEval.loss)) return finish(history, true, valEval.predictions);
	}
	return finish(history, false, evaluate(validation).predictions);
}
