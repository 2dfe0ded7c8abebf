import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../scripts/demo/network.ts';
import { createRandom } from '../../scripts/demo/random.ts';

describe('createNetwork', () => {
	it.each(['relu', 'tanh'] as const)(
		'back-propagates the exact cross-entropy gradient (%s)',
		(activation) => {
			const network = createNetwork([4, 5, 3], activation, createRandom(3));
			const x = [0.3, -1.2, 0.8, 0.05];
			const label = 2;
			const loss = (): number => -Math.log(network.forward(x).at(-1)?.[label] ?? 0);
			const gw = network.layers.map((layer) => new Float64Array(layer.w.length));
			const gb = network.layers.map((layer) => new Float64Array(layer.b.length));
			network.accumulateGradients(x, label, gw, gb);
			const h = 1e-6;
			network.layers.forEach((layer, l) => {
				for (const [params, grads] of [
					[layer.w, gw[l]],
					[layer.b, gb[l]],
				] as const) {
					for (let k = 0; k < params.length; k++) {
						const original = params[k] ?? 0;
						params[k] = original + h;
						const up = loss();
						params[k] = original - h;
						const down = loss();
						params[k] = original;
						expect(grads?.[k]).toBeCloseTo((up - down) / (2 * h), 5);
					}
				}
			});
		},
	);

	it('outputs a probability distribution', () => {
		const probabilities =
			createNetwork([2, 3], 'relu', createRandom(1)).forward([1, -1]).at(-1) ?? [];
		expect([...probabilities].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
	});
});
