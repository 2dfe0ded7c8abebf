import type { Logger } from '../lib/logger.ts';

/** Collects catalogued warnings for `manifest.warnings` and shows each one as it arises. */
export interface WarningCollector {
	warn(message: string): void;
	readonly messages: readonly string[];
}

/**
 * A collector that forwards every warning to `logger.warn`. Pass its `warn` to the reader too.
 * `redact` is applied to each message before it is kept or shown: warnings name runs, keys and
 * files, which may hold secrets, and a CI log is often public.
 */
export function warningCollector(logger: Logger, redact: (message: string) => string = (m) => m): WarningCollector {
	const messages: string[] = [];
	return {
		messages,
		warn(message) {
			const shown = redact(message);
			messages.push(shown);
			logger.warn(shown);
		},
	};
}
