/**
 * Settings and counters that training code logs as MLflow metrics (a learning-rate schedule,
 * the epoch reached, the step count, the batch size). They describe how a model was trained,
 * not how well it does, so the Hugging Face `model-index` (evaluation results only) leaves them
 * out; the card's tables still show them as logged.
 */
const TRAINING_STATE = new Set([
	'lr',
	'learning_rate',
	'learningrate',
	'epoch',
	'epochs',
	'epochs_completed',
	'n_epochs',
	'num_epochs',
	'best_epoch',
	'step',
	'steps',
	'global_step',
	'iteration',
	'iterations',
	'n_iter',
	'n_iter_',
	'num_iterations',
	'batch_size',
	'momentum',
	'weight_decay',
	'warmup_steps',
	'grad_norm',
	'num_samples',
	'n_samples',
	'train_runtime',
	'train_samples_per_second',
	'train_steps_per_second',
	'total_flos',
]);

/** Words before a setting that say where it was logged: `train/lr`, `optimizer.learning_rate`. */
const PREFIX = /^(train|training|trainer|optimizer|optim|opt|sched|scheduler|hp|hparams)_/;

/**
 * Whether a metric key is a training setting or counter rather than an evaluation result:
 * compared without case and with `-`, `.`, `/` read as `_`, after at most one prefix of PREFIX.
 * Only whole keys match: `train_loss_epoch` (a loss averaged per epoch) stays a result.
 * @example isTrainingState('learning_rate') === true; isTrainingState('val_loss') === false
 */
export function isTrainingState(key: string): boolean {
	const k = key.toLowerCase().replace(/[-./\s]+/g, '_');
	return TRAINING_STATE.has(k) || TRAINING_STATE.has(k.replace(PREFIX, ''));
}
