import { defineCollection } from 'astro:content';
import { snapshotGlob as glob } from './content/snapshot-glob.ts';
import mlpages from 'virtual:mlpages/config';
import {
	DatasetSchema,
	ExperimentSchema,
	LoggedModelSchema,
	ModelVersionSchema,
	RegisteredModelSchema,
	RunEntrySchema,
} from './schemas/index.ts';
import { ReportSchema } from './schemas/report.ts';

// One collection per entity folder of the snapshot, validated by the same schemas the exporter
// writes with. Ids come from the data, never from file names, so a renamed file cannot move a
// page. Series and histories are not collections: pages read them from disk while rendering.
// Runs are validated whole but kept as summaries (RunEntrySchema): a run page reads its own file
// when it renders, so a build does not hold, bundle and rewrite every run's params and metrics.
const base = (folder: string) => `${mlpages.contentDir}/${folder}`;
const byId = ({ data }: { data: Record<string, unknown> }) => String(data['id']);

export const collections = {
	experiments: defineCollection({
		loader: glob({ pattern: '*.json', base: base('experiments'), generateId: byId, retainBody: false }),
		schema: ExperimentSchema,
	}),
	runs: defineCollection({
		loader: glob({ pattern: '*.json', base: base('runs'), generateId: byId, retainBody: false }),
		schema: RunEntrySchema,
	}),
	models: defineCollection({
		loader: glob({
			pattern: '*.json',
			base: base('models'),
			generateId: ({ data }) => String(data['slug']),
			retainBody: false,
		}),
		schema: RegisteredModelSchema,
	}),
	modelVersions: defineCollection({
		loader: glob({
			pattern: '*/*.json',
			base: base('model-versions'),
			generateId: ({ data }) => `${String(data['modelSlug'])}/${String(data['version'])}`,
			retainBody: false,
		}),
		schema: ModelVersionSchema,
	}),
	datasets: defineCollection({
		loader: glob({ pattern: '*.json', base: base('datasets'), generateId: byId, retainBody: false }),
		schema: DatasetSchema,
	}),
	loggedModels: defineCollection({
		loader: glob({
			pattern: '*.json',
			base: base('logged-models'),
			generateId: byId,
			retainBody: false,
		}),
		schema: LoggedModelSchema,
	}),
	// Written by people, not exported: the id is the file name, the URL /reports/<id>/.
	reports: defineCollection({
		loader: glob({ pattern: '*.mdx', base: base('reports') }),
		schema: ReportSchema,
	}),
};
