import type { Random } from './random.ts';

/** A dense layer: `w` is row-major inputs × outputs. */
export interface Layer {
	inputs: number;
	outputs: number;
	w: Float64Array;
	b: Float64Array;
}

/** A fully connected network with a softmax output, trained with cross-entropy. */
export interface Network {
	layers: Layer[];
	/** Activations of every layer for one sample; the last entry holds softmax probabilities. */
	forward(x: number[]): Float64Array[];
	/** Adds one sample's cross-entropy gradients to `gw` and `gb` (one array per layer). */
	accumulateGradients(x: number[], label: number, gw: Float64Array[], gb: Float64Array[]): void;
}

/**
 * Creates a network with the given layer sizes (`[features, classes]` is a multinomial logistic
 * regression, `[features, hidden, classes]` a one-hidden-layer MLP), He- or Xavier-initialised
 * from `random`, biases zero.
 */
export function createNetwork(
	sizes: number[],
	activation: 'relu' | 'tanh',
	random: Random,
): Network {
	const layers: Layer[] = [];
	for (let l = 0; l + 1 < sizes.length; l++) {
		const inputs = sizes[l] ?? 0;
		const outputs = sizes[l + 1] ?? 0;
		const scale = Math.sqrt((activation === 'relu' ? 2 : 1) / inputs);
		const w = new Float64Array(inputs * outputs).map(() => random.normal() * scale);
		layers.push({ inputs, outputs, w, b: new Float64Array(outputs) });
	}
	const activate = (z: number): number => (activation === 'relu' ? Math.max(0, z) : Math.tanh(z));
	const derivative = (a: number): number => (activation === 'relu' ? (a > 0 ? 1 : 0) : 1 - a * a);

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

	const accumulateGradients = (
		x: number[],
		label: number,
		gw: Float64Array[],
		gb: Float64Array[],
	): void => {
		const acts = forward(x);
		let delta = Float64Array.from(acts.at(-1) as Float64Array);
		delta[label] = (delta[label] ?? 0) - 1;
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
	};
	return { layers, forward, accumulateGradients };
}
