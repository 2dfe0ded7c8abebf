import { fileURLToPath } from 'node:url';
import { penguinDataset } from './penguin-dataset.ts';
import { loadPenguins, type PenguinData } from './penguins.ts';
import { createRandom } from './random.ts';
import type { DemoDataset, DemoStore } from './store-model.ts';
import { trainClassifier, type TrainConfig, type TrainResult } from './train.ts';

/** 2026-03-02T09:00:00Z: the simulated clock starts here. */
export const DEMO_START = Date.UTC(2026, 2, 2, 9, 0, 0);
const CSV_PATH = fileURLToPath(new URL('./data/penguins.csv', import.meta.url));

/** Shared state while the demo store is being built: data, simulated clock, store content. */
export interface DemoContext {
	data: PenguinData;
	store: DemoStore;
	/** Current simulated time, epoch milliseconds. */
	now: number;
	/** Moves the clock forward by `ms` plus up to 400 ms of seeded jitter; returns the new time. */
	advance(ms: number): number;
	/** A seeded number in [0, 1) for small timing variations. */
	jitter(): number;
	/** Trains (once per distinct configuration; training is deterministic). */
	train(config: TrainConfig): TrainResult;
	/** The train and validation datasets of an experiment, created on first use. */
	datasetsFor(experimentId: number): [DemoDataset, DemoDataset];
}

/** A fresh context: data split with seed 2026, clock at {@link DEMO_START}, empty store. */
export function createDemoContext(): DemoContext {
	const data = loadPenguins(CSV_PATH, createRandom(2026));
	const random = createRandom(7);
	const trained = new Map<string, TrainResult>();
	const context: DemoContext = {
		data,
		store: { experiments: [], runs: [], datasets: [], loggedModels: [], registeredModels: [] },
		now: DEMO_START,
		advance(ms) {
			context.now += ms + Math.floor(random.next() * 400);
			return context.now;
		},
		jitter: () => random.next(),
		train(config) {
			const key = JSON.stringify(config);
			const result = trained.get(key) ?? trainClassifier(config, data.train, data.validation);
			trained.set(key, result);
			return result;
		},
		datasetsFor(experimentId) {
			const pair = (['train', 'validation'] as const).map((split) => {
				const existing = context.store.datasets.find(
					(d) => d.experimentId === experimentId && d.name === `penguins-${split}`,
				);
				if (existing) return existing;
				const dataset = penguinDataset(data, experimentId, split);
				context.store.datasets.push(dataset);
				return dataset;
			});
			return pair as [DemoDataset, DemoDataset];
		},
	};
	return context;
}
