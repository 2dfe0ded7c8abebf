// @ts-check
/**
 * The options of this mlpages site; every one is listed, with its default, in mlpages' README
 * ("Configure"). A misspelled option fails the build with a suggestion, never silently.
 * @type {import('mlpages').MlpagesConfigInput}
 */
export default {
	title: {{title}},
	// Where `npm run build` exports from when MLFLOW_TRACKING_URI is not set: an mlruns/ folder,
	// an mlflow.db file, or a tracking server (credentials come from MLFLOW_TRACKING_TOKEN).
{{sourceLine}}
	// Publish only some experiments, or only runs tagged mlpages.publish=true:
	// publish: { experiments: { include: ['*'], exclude: ['scratch-*'] }, optIn: { tag: 'mlpages.publish' } },
	// The metric that ranks each experiment's runs, and which direction is better:
	// metrics: { primary: { '*': 'val_loss' }, direction: { val_accuracy: 'higher' } },
	// Fail a merge request's pipeline when a tracked metric gets worse by more than this:
	// diff: { thresholds: { val_loss: { maxWorseningPct: 5 } } },
};
