// @ts-check
/**
 * The options of the example site (README.md, section "Configure", lists every option).
 * @type {import('mlpages').MlpagesConfigInput}
 */
export default {
	title: 'mlpages example',
	// The bundled example store, made by `npm run demo` at the repository's root.
	source: '../mlflow.db',
	charts: { maxPoints: 1000 },
	metrics: {
		direction: { accuracy: 'higher', val_accuracy: 'higher', f1: 'higher' },
		primary: {},
	},
};
