import { createRandom } from './random.ts';
import { majorityBaseline } from './majority-baseline.ts';
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
	/** L2 penalty on weights (not biases), added to the loss as `l2/2 * ||W||²`. */
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

interface Layer {
	inputs: number;
	outputs: number;
	w: Float64Array;
	b: Float64Array;
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
	const layers: Layer[] = [];
	for (let l = 0; l + 1 < sizes.length; l++) {
		const inputs = sizes[l] ?? 0;
		const outputs = sizes[l + 1] ?? 0;
		const scale = Math.sqrt((config.activation === 'relu' ? 2 : 1) / inputs);
		const w = new Float64Array(inputs * outputs).map(() => random.normal() * scale);
		layers.push({ inputs, outputs, w, b: new Float64Array(outputs) });
	}
	const state = layers.map((layer) => ({
		mw: new Float64Array(layer.w.length),
		mb: new Float64Array(layer.b.length),
		vw: new Float64Array(layer.w.length),
		vb: new Float64Array(layer.b.length),
	}));
	const activate = (z: number): number =>
		config.activation === 'relu' ? Math.max(0, z) : Math.tanh(z);
	const derivative = (a: number): number =>
		config.activation === 'relu' ? (a > 0 ? 1 : 0) : 1 - a * a;

	/** Activations of every layer for one sample; the last entry holds softmax probabilities. */
	const forward = (x: number[]): Float64Array[] => {
		const out: Float64Array[] = [Float64Array.from(x)];
		layers.forEach((layer, l) => {
			const input = out[l] as Float64Array;
			const z = new Float64Array(layer.outputs);
			for (let o = 0; o < layer.outputs; o++) {
				let sum = layer.b[o] ?? 0;
				for (let i = 0; i < layer.inputs; i++)
					sum += (input[i] ?? 0) * (layer.w[i * layer.outputs + o] ?? 0);
				z[o] = sum;
			}
			if (l < layers.length - 1) out.push(z.map(activate));
			else {
				// Plain exp without max-subtraction, as in a textbook softmax: a run whose logits
				// blow up overflows to Infinity/Infinity = NaN and is reported as diverged.
				const e = z.map((v) => Math.exp(v));
				const total = e.reduce((a, b) => a + b, 0);
				out.push(e.map((v) => v / total));
			}
		});
		return out;
	};
	const evaluate = (split: Split): { loss: number; accuracy: number; predictions: number[] } => {
		let loss = 0;
		let correct = 0;
		const predictions = split.x.map((x, n) => {
			const probs = forward(x).at(-1) as Float64Array;
			const label = split.y[n] ?? 0;
			loss += -Math.log(probs[label] ?? 0);
			const predicted = probs.indexOf(Math.max(...probs));
			if (predicted === label) correct++;
			return predicted;
		});
		return { loss: loss / split.x.length, accuracy: correct / split.x.length, predictions };
	};

	const exportLayers = (): TrainResult['layers'] =>
		layers.map((layer) => ({
			inputs: layer.inputs,
			outputs: layer.outputs,
			w: [...layer.w],
			b: [...layer.b],
		}));
	const history: EpochRecord[] = [];
	const order = train.x.map((_, n) => n);
	let step = 0;
	for (let epoch = 0; epoch < config.epochs; epoch++) {
		const lr = learningRateAt(config, epoch);
		random.shuffle(order);
		for (let start = 0; start < order.length; start += config.batchSize) {
			const batch = order.slice(start, start + config.batchSize);
			const gw = layers.map((layer) => new Float64Array(layer.w.length));
			const gb = layers.map((layer) => new Float64Array(layer.b.length));
			for (const n of batch) {
				const acts = forward(train.x[n] ?? []);
				let delta = Float64Array.from(acts.at(-1) as Float64Array);
				delta[train.y[n] ?? 0] = (delta[train.y[n] ?? 0] ?? 0) - 1;
				for (let l = layers.length - 1; l >= 0; l--) {
					const layer = layers[l] as Layer;
					const input = acts[l] as Float64Array;
					const gwl = gw[l] as Float64Array;
					const gbl = gb[l] as Float64Array;
					for (let o = 0; o < layer.outputs; o++) {
						gbl[o] = (gbl[o] ?? 0) + (delta[o] ?? 0);
						for (let i = 0; i < layer.inputs; i++) {
							const k = i * layer.outputs + o;
							gwl[k] = (gwl[k] ?? 0) + (input[i] ?? 0) * (delta[o] ?? 0);
						}
					}
					if (l > 0) {
						const previous = new Float64Array(layer.inputs);
						for (let i = 0; i < layer.inputs; i++) {
							let sum = 0;
							for (let o = 0; o < layer.outputs; o++)
								sum += (layer.w[i * layer.outputs + o] ?? 0) * (delta[o] ?? 0);
							previous[i] = sum * derivative(input[i] ?? 0);
						}
						delta = previous;
					}
				}
			}
			step++;
			layers.forEach((layer, l) => {
				const s = state[l] as (typeof state)[number];
				const update = (
					params: Float64Array,
					grads: Float64Array,
					m: Float64Array,
					v: Float64Array,
					decay: number,
				): void => {
					for (let k = 0; k < params.length; k++) {
						const g = (grads[k] ?? 0) / batch.length + decay * (params[k] ?? 0);
						if (config.optimizer === 'adam') {
							m[k] = 0.9 * (m[k] ?? 0) + 0.1 * g;
							v[k] = 0.999 * (v[k] ?? 0) + 0.001 * g * g;
							const mHat = (m[k] ?? 0) / (1 - 0.9 ** step);
							const vHat = (v[k] ?? 0) / (1 - 0.999 ** step);
							params[k] = (params[k] ?? 0) - (lr * mHat) / (Math.sqrt(vHat) + 1e-8);
						} else {
							m[k] = 0.9 * (m[k] ?? 0) + g;
							params[k] = (params[k] ?? 0) - lr * (m[k] ?? 0);
						}
					}
				};
				update(layer.w, gw[l] as Float64Array, s.mw, s.vw, config.l2);
				update(layer.b, gb[l] as Float64Array, s.mb, s.vb, 0);
			});
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
		if (Number.isNaN(trainEval.loss)) {
			return {
				history,
				diverged: true,
				valPredictions: valEval.predictions,
				layers: exportLayers(),
			};
		}
	}
	return {
		history,
		diverged: false,
		valPredictions: evaluate(validation).predictions,
		layers: exportLayers(),
	};
}
