import { aggregateHistories, groupBySeed } from '../../src/lib/aggregate-seeds.ts';
import type { HistoryRun } from '../../src/charts/experiment-best-history.ts';
import type { ParamRun } from '../../src/charts/experiment-parallel.ts';

/**
 * A learning-rate × depth sweep with three seeds per setting: 4 × 2 × 3 = 24 runs whose val_loss
 * decays towards a floor that depends on the params, with seed noise, over 200 steps.
 */
export function sweep(): (HistoryRun & ParamRun)[] {
	const runs: (HistoryRun & ParamRun)[] = [];
	let k = 0;
	for (const lr of ['0.0001', '0.001', '0.01', '0.1']) {
		for (const optimizer of ['adam', 'sgd']) {
			for (const seed of ['1', '2', '3']) {
				const floor =
					Math.abs(Math.log10(Number(lr)) + 2.2) * 0.1 +
					(optimizer === 'sgd' ? 0.05 : 0) +
					Number(seed) * 0.01;
				const step = Array.from({ length: 200 }, (_, i) => i);
				const value = step.map(
					(s) => floor + Math.exp(-s / 30) * (1 + 0.05 * Math.sin(s + Number(seed))),
				);
				k++;
				runs.push({
					id: `run${String(k).padStart(2, '0')}${'0'.repeat(26)}`,
					name: `lr${lr}-${optimizer}-s${seed}`,
					params: { lr, optimizer, seed },
					final: value.at(-1)!,
					series: { step, value },
				});
			}
		}
	}
	return runs;
}

/** The seed groups of the sweep, aggregated as the experiment page does. */
export function sweepBands(runs = sweep()) {
	return groupBySeed(runs).map((g) => ({
		label: Object.entries(g.params)
			.map(([k, v]) => `${k}=${v}`)
			.join(', '),
		runs: g.runIds.length,
		band: aggregateHistories(g.runIds.map((id) => runs.find((r) => r.id === id)!.series!)),
	}));
}
