import type { PenguinData } from './penguins.ts';
import { pythonJson } from './python-json.ts';
import { md5Hex, stableHexId } from './random.ts';
import type { DemoDataset } from './store-model.ts';

const STRING_COLUMNS = ['species', 'island', 'sex'];
const INTEGER_COLUMNS = ['flipper_length_mm', 'body_mass_g'];

/**
 * One split as the dataset `mlflow.data.from_pandas(df, source=<csv>, name=...)` records: an
 * 8-hex digest, a `local` source, the `mlflow_colspec` schema and the pandas profile.
 */
export function penguinDataset(
	data: PenguinData,
	experimentId: number,
	split: 'train' | 'validation',
): DemoDataset {
	const lines = split === 'train' ? data.trainLines : data.validationLines;
	const columns = data.header.split(',');
	const name = `penguins-${split}`;
	return {
		id: stableHexId(`dataset/${experimentId}/${name}`),
		experimentId,
		name,
		digest: md5Hex(`${data.header}\n${lines.join('\n')}`).slice(0, 8),
		sourceType: 'local',
		source: pythonJson({ uri: 'scripts/demo/data/penguins.csv' }),
		schema: pythonJson({
			mlflow_colspec: columns.map((column) => ({
				type: STRING_COLUMNS.includes(column)
					? 'string'
					: INTEGER_COLUMNS.includes(column)
						? 'long'
						: 'double',
				name: column,
				required: true,
			})),
		}),
		profile: pythonJson({ num_rows: lines.length, num_elements: lines.length * columns.length }),
	};
}
