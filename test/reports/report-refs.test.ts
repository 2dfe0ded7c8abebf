import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/export/redact.ts';
import { MAX_LISTED, ReportRefError, resolveExperiment, resolveModel, resolveRun, type RefIndex } from '../../src/lib/report-refs.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import type { Experiment } from '../../src/schemas/experiment.ts';
import type { ModelVersion } from '../../src/schemas/model-version.ts';
import type { RegisteredModel } from '../../src/schemas/registered-model.ts';
import { makeRun } from '../lib/run-factory.ts';

const experiment = (id: string, name: string, slug: string): Experiment => ({
	id,
	name,
	slug,
	description: null,
	creationTime: null,
	lastUpdateTime: null,
	lifecycleStage: 'active',
	runCount: 0,
	tags: {},
});
const version = (modelSlug: string, v: string, runId: string | null, aliases: string[] = []): ModelVersion =>
	({ name: 'Penguins Classifier', modelSlug, version: v, runId, aliases, tags: {}, description: null }) as unknown as ModelVersion;
const model: RegisteredModel = {
	name: 'Penguins Classifier',
	slug: 'penguins-classifier',
	creationTime: null,
	lastUpdatedTime: null,
	description: null,
	tags: {},
	aliases: { champion: '2', stale: '9' },
	versions: ['1', '2'],
};
const runs = [
	makeRun({ id: 'a'.repeat(32), name: 'baseline' }),
	makeRun({ id: 'b'.repeat(32), name: 'mlp' }),
	makeRun({ id: 'c'.repeat(32), name: 'twin' }),
	makeRun({ id: 'd'.repeat(32), name: 'twin' }),
];
const index: RefIndex = {
	runs,
	experiments: [experiment('7', 'Penguin sweep', 'penguin-sweep'), experiment('8', '7', 'seven')],
	models: [model],
	versions: new Map([['penguins-classifier', [version('penguins-classifier', '1', 'a'.repeat(32)), version('penguins-classifier', '2', 'b'.repeat(32), ['champion'])]]]),
};
const failure = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ReportRefError);
		return (error as Error).message;
	}
	throw new Error('expected a ReportRefError');
};

describe('resolveRun', () => {
	it('finds a run by id, by a unique name, and by a model version or alias', () => {
		expect(resolveRun('a'.repeat(32), index).name).toBe('baseline');
		expect(resolveRun('mlp', index).id).toBe('b'.repeat(32));
		expect(resolveRun('Penguins Classifier@champion', index).id).toBe('b'.repeat(32));
		expect(resolveRun('penguins-classifier@champion', index).id).toBe('b'.repeat(32));
		expect(resolveRun('penguins-classifier/1', index).id).toBe('a'.repeat(32));
		expect(resolveRun('models:/penguins-classifier@champion', index).id).toBe('b'.repeat(32));
	});

	it('refuses a name several runs share, listing their ids', () => {
		expect(failure(() => resolveRun('twin', index))).toBe(
			`2 runs are named "twin" (${'c'.repeat(32)}, ${'d'.repeat(32)}); name the run by its id.`,
		);
		expect(resolveRun('c'.repeat(32), index).name).toBe('twin');
	});

	it('says what is missing', () => {
		expect(failure(() => resolveRun('nope', index))).toBe('No run has the id or name "nope".');
		expect(failure(() => resolveRun('penguins-classifier@best', index))).toBe(
			'Model "Penguins Classifier" has no alias "best". Its aliases: "@champion", "@stale".',
		);
		expect(failure(() => resolveRun('penguins-classifier@stale', index))).toBe(
			'The alias @stale of model "Penguins Classifier" points at version 9, which is not in the snapshot.',
		);
		expect(failure(() => resolveRun('penguins-classifier/5', index))).toBe(
			'Model "Penguins Classifier" has no version "5". Its versions: "1", "2".',
		);
		expect(failure(() => resolveRun('other@champion', index))).toBe(
			'No registered model is named "other". Models: "Penguins Classifier".',
		);
	});
});

describe('resolveExperiment', () => {
	it('prefers the id, then the slug, then the name', () => {
		expect(resolveExperiment('7', index).name).toBe('Penguin sweep');
		expect(resolveExperiment('penguin-sweep', index).id).toBe('7');
		expect(resolveExperiment('Penguin sweep', index).id).toBe('7');
		expect(resolveExperiment('seven', index).id).toBe('8');
		expect(failure(() => resolveExperiment('penguins', index))).toBe(
			'No experiment has the id, name or slug "penguins". Experiments: "Penguin sweep", "7".',
		);
	});
});

describe('resolveModel', () => {
	it('returns the model alone, or with the version an alias or number picks', () => {
		expect(resolveModel('penguins-classifier', index)).toMatchObject({ model: { slug: 'penguins-classifier' }, version: null, alias: null });
		expect(resolveModel('penguins-classifier@champion', index)).toMatchObject({ version: { version: '2' }, alias: 'champion' });
		expect(resolveModel('Penguins Classifier/1', index)).toMatchObject({ version: { version: '1' }, alias: null });
	});
});

// Issue 15, part 7: the error of an unresolved reference is printed in CI logs, which are often
// public; it lists only the nearest names, each through the redaction rules.
describe('what an unresolved reference tells', () => {
	const token = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
	const names = [`penguins ${token}`, ...Array.from({ length: 30 }, (_, i) => `experiment ${i}`)];
	const many: RefIndex = { ...index, experiments: names.map((n, i) => experiment(String(100 + i), n, `e-${i}`)) };
	const redactor = new Redactor(MlpagesConfigSchema.parse({}).redact, ['s3cret-tracking-token'], () => {});
	const show = (value: string) => redactor.value('report', 'name', 'name', value);

	it('lists at most the nearest names, never every name of the store', () => {
		const message = failure(() => resolveExperiment('penguins', { ...many, show }));
		expect(message).toBe(`No experiment has the id, name or slug "penguins". Experiments: "penguins [redacted]", "experiment 0", "experiment 1", "experiment 2", "experiment 3" (the ${MAX_LISTED} nearest of 31).`);
		expect(message).not.toContain(token);
	});

	it('redacts every store value it shows: names, aliases, and the tracking token wherever it appears', () => {
		const secretModel: RegisteredModel = { ...model, name: 'clf s3cret-tracking-token', aliases: { [`a-${token}`]: '1' } };
		const withModel: RefIndex = { ...index, models: [secretModel], versions: new Map([['penguins-classifier', [version('penguins-classifier', '1', null)]]]), show };
		const messages = [
			failure(() => resolveModel('penguins-classifier@best', withModel)),
			failure(() => resolveModel('penguins-classifier/7', withModel)),
			failure(() => resolveRun('penguins-classifier/1', withModel)),
			failure(() => resolveModel('other', withModel)),
		];
		for (const message of messages) {
			expect(message).not.toContain('s3cret-tracking-token');
			expect(message).not.toContain(token);
		}
		expect(messages[0]).toBe('Model "clf [redacted]" has no alias "best". Its aliases: "@a-[redacted]".');
	});
});
