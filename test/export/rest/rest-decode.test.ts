import { describe, expect, it } from 'vitest';
import { decodeModelVersion, decodeRegisteredModel, decodeLoggedModel } from '../../../src/export/rest/rest-decode-registry.ts';
import { datasetId, decodeMetric, decodeRun } from '../../../src/export/rest/rest-decode-tracking.ts';
import { double, int64, RestDecodeError } from '../../../src/export/rest/rest-json-values.ts';

describe('protobuf JSON scalars', () => {
	it('reads int64 as numbers or decimal strings', () => {
		expect(int64(1731484475675, 't')).toBe(1731484475675);
		expect(int64('1731484475675', 't')).toBe(1731484475675);
		expect(int64(undefined, 't')).toBeNull();
		expect(() => int64('12abc', 't')).toThrow(RestDecodeError);
		expect(() => int64(1.5, 't')).toThrow('t is not an integer');
	});

	it('reads doubles, including the non-finite strings', () => {
		expect([double('NaN', 'v'), double('Infinity', 'v'), double('-Infinity', 'v'), double(0.25, 'v'), double('1e-05', 'v')]).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.25, 1e-5]);
		expect(() => double('fast', 'v')).toThrow('v is not a number');
		expect(decodeMetric({ key: 'loss', value: 'NaN', timestamp: '5' })).toEqual({ key: 'loss', value: Number.NaN, timestamp: 5, step: 0 });
	});
});

describe('decodeRun', () => {
	it('reads a GitLab run: UUID id, 0 start time as unknown, latest of all metric rows', () => {
		const { run } = decodeRun(
			{
				info: { run_id: '6b2f3a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', experiment_id: '1', start_time: 0, status: 'FINISHED', lifecycle_stage: 'active', user_id: '17', artifact_uri: 'https://g/x' },
				data: { metrics: [{ key: 'loss', value: 0.5, timestamp: 10, step: 1 }, { key: 'loss', value: 0.9, timestamp: 5, step: 0 }] },
			},
			'gitlab',
		);
		expect(run.startTime).toBeNull();
		expect(run.name).toBeNull();
		expect(run.latestMetrics).toEqual({ loss: { key: 'loss', value: 0.5, timestamp: 10, step: 1 } });
	});

	it('derives dataset ids as the file store does, md5(name + digest)', () => {
		const { run, datasets } = decodeRun(
			{ info: { run_id: 'r', experiment_id: '1', status: 'FINISHED' }, inputs: { dataset_inputs: [{ dataset: { name: 'iris', digest: '1fbe660b', source_type: 'code', source: '{}' } }] } },
			'rest',
		);
		expect(datasetId('iris', '1fbe660b')).toBe('a3cfb631a31f23ce13e3775e3ac6c233');
		expect(run.inputs).toEqual([{ datasetId: 'a3cfb631a31f23ce13e3775e3ac6c233', context: null }]);
		expect(datasets[0]?.schema).toBeNull();
	});

	it('rejects an unknown status', () => {
		expect(() => decodeRun({ info: { run_id: 'r', experiment_id: '1', status: 'EXPLODED' } }, 'rest')).toThrow('status "EXPLODED" is not a run status');
	});
});

describe('registry decoders', () => {
	it('reads a GitLab version: SemVer from aliases[0], seconds to ms, empty text as unset', () => {
		const v = decodeModelVersion({ name: 'm', version: '1001', creation_timestamp: 1731484600, last_updated_timestamp: 1731484700, user_id: null, current_stage: 'development', description: '', source: 'https://g/v/1001', run_id: 'uuid', status: 'READY', status_message: '', tags: [], run_link: '', aliases: ['2.0.1-rc2'] }, 'gitlab');
		expect(v).toEqual({ name: 'm', version: '2.0.1-rc2', creationTime: 1731484600000, lastUpdatedTime: 1731484700000, description: null, userId: null, stage: 'development', status: 'READY', source: 'https://g/v/1001', runId: 'uuid', tags: {} });
	});

	it('reads the raw version records of older GitLab registered models', () => {
		const { versions } = decodeRegisteredModel({ name: 'm', creation_timestamp: 1, latest_versions: [{ id: 7, model_id: 3, version: '1.0.0', created_at: '2024-11-13T08:00:00.000Z', updated_at: '2024-11-13T08:00:00.000Z', description: null }] }, 'gitlab');
		const v = decodeModelVersion({ ...(versions[0] as object), name: 'm' }, 'gitlab');
		expect([v.version, v.creationTime]).toEqual(['1.0.0', Date.parse('2024-11-13T08:00:00.000Z')]);
	});

	it('keeps MLflow timestamps in ms and aliases as a map', () => {
		const { model } = decodeRegisteredModel({ name: 'm', creation_timestamp: 1731484600000, aliases: [{ alias: 'champion', version: '2' }] }, 'rest');
		expect(model).toEqual({ name: 'm', creationTime: 1731484600000, lastUpdatedTime: null, description: null, tags: {}, aliases: { champion: '2' } });
	});

	it('maps logged-model statuses', () => {
		const m = decodeLoggedModel({ info: { model_id: 'm-1', experiment_id: '1', name: 'model', status: 'LOGGED_MODEL_UPLOAD_FAILED' } });
		expect(m.status).toBe('FAILED');
		expect(() => decodeLoggedModel({ info: { model_id: 'm-1', experiment_id: '1', name: 'model', status: 'WEIRD' } })).toThrow(RestDecodeError);
	});
});
