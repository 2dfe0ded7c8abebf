import { describe, expect, it } from 'vitest';
import { columns, findMlModelArtifact, logModelHistoryEntry, mlModelInfo, modelArtifactPath, parseMlModel } from '../../src/model-cards/mlmodel.ts';
import type { Run } from '../../src/schemas/run.ts';

describe('MLmodel', () => {
	it('reads flavors, library version and signature', () => {
		const info = parseMlModel(
			[
				'flavors:',
				'  python_function: {loader_module: mlflow.lightgbm}',
				'  lightgbm: {lgb_version: 4.6.0, data: model.pkl}',
				'mlflow_version: 3.2.0',
				"signature:",
				"  inputs: '[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float64\", \"shape\": [-1, 4]}}]'",
				'  outputs: null',
			].join('\n'),
		);
		expect(info).toStrictEqual({
			flavors: ['lightgbm', 'python_function'],
			library: 'lightgbm 4.6.0',
			mlflowVersion: '3.2.0',
			signature: { inputs: [{ name: null, type: 'tensor float64 [-1,4]', required: null }], outputs: null },
		});
		expect(mlModelInfo(null)).toStrictEqual({ flavors: [], library: null, mlflowVersion: null, signature: null });
		expect(columns('not json')).toBeNull();
	});

	it('finds the model folder of a version source', () => {
		expect(modelArtifactPath('runs:/abc/model', 'abc')).toBe('model');
		expect(modelArtifactPath('mlflow-artifacts:/0/abc/artifacts/my%20model', 'abc')).toBe('my model');
		expect(modelArtifactPath('models:/m-123', 'abc')).toBeNull();
		const run = { id: 'abc', artifacts: [{ path: 'a/MLmodel', size: 1 }, { path: 'b/MLmodel', size: 1 }], tags: {} } as unknown as Run;
		expect(findMlModelArtifact(run, 'runs:/abc/b')).toBe('b/MLmodel');
		expect(findMlModelArtifact(run, 'models:/m-1')).toBeNull();
	});

	it('falls back to the log-model history of MLflow 2 runs', () => {
		const history = JSON.stringify([
			{ artifact_path: 'model', flavors: { sklearn: { sklearn_version: '1.0' } } },
			{ artifact_path: 'other', flavors: {} },
		]);
		const run = { id: 'abc', artifacts: [], tags: { 'mlflow.log-model.history': history } } as unknown as Run;
		expect(mlModelInfo(logModelHistoryEntry(run, 'runs:/abc/model')).library).toBe('sklearn 1.0');
		expect(logModelHistoryEntry(run, null)).toBeNull();
	});
});
