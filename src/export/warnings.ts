import type { Logger } from '../lib/logger.ts';

/** Collects catalogued warnings for `manifest.warnings` and shows each one as it arises. */
export interface WarningCollector {
	warn(message: string): void;
	readonly messages: readonly string[];
}

/** A collector that forwards every warning to `logger.warn`. Pass its `warn` to the reader too. */
export function warningCollector(logger: Logger): WarningCollector {
	const messages: string[] = [];
	return {
		messages,
		warn(message) {
			messages.push(message);
			logger.warn(message);
		},
	};
}
