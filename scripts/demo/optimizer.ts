import type { Layer } from './network.ts';

/** Applies one mini-batch update to every layer. */
export interface Optimizer {
	step(gw: Float64Array[], gb: Float64Array[], batchSize: number, learningRate: number): void;
}

/**
 * SGD with momentum 0.9, or Adam (β1 0.9, β2 0.999, ε 1e-8, bias-corrected). Gradients are
 * averaged over the batch; `l2` adds `l2 * w` to the weight gradients (not to the biases).
 */
export function createOptimizer(kind: 'sgd' | 'adam', layers: Layer[], l2: number): Optimizer {
	const state = layers.map((layer) => ({
		mw: new Float64Array(layer.w.length),
		mb: new Float64Array(layer.b.length),
		vw: new Float64Array(layer.w.length),
		vb: new Float64Array(layer.b.length),
	}));
	let steps = 0;
	const update = (
		params: Float64Array,
		grads: Float64Array,
		m: Float64Array,
		v: Float64Array,
		decay: number,
		batchSize: number,
		lr: number,
	): void => {
		for (let k = 0; k < params.length; k++) {
			const g = (grads[k] ?? 0) / batchSize + decay * (params[k] ?? 0);
			if (kind === 'adam') {
				m[k] = 0.9 * (m[k] ?? 0) + 0.1 * g;
				v[k] = 0.999 * (v[k] ?? 0) + 0.001 * g * g;
				const mHat = (m[k] ?? 0) / (1 - 0.9 ** steps);
				const vHat = (v[k] ?? 0) / (1 - 0.999 ** steps);
				params[k] = (params[k] ?? 0) - (lr * mHat) / (Math.sqrt(vHat) + 1e-8);
			} else {
				m[k] = 0.9 * (m[k] ?? 0) + g;
				params[k] = (params[k] ?? 0) - lr * (m[k] ?? 0);
			}
		}
	};
	return {
		step(gw, gb, batchSize, learningRate) {
			steps++;
			layers.forEach((layer, l) => {
				const s = state[l] as (typeof state)[number];
				update(layer.w, gw[l] as Float64Array, s.mw, s.vw, l2, batchSize, learningRate);
				update(layer.b, gb[l] as Float64Array, s.mb, s.vb, 0, batchSize, learningRate);
			});
		},
	};
}
