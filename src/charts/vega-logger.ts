import type { LoggerInterface } from 'vega';

/**
 * A Vega / Vega-Lite logger that prints nothing and hands warnings and errors to `onMessage`
 * (tests collect them; the build ignores them), so compiling and rendering stay silent.
 */
export function vegaLogger(onMessage: (level: 'warn' | 'error', message: string) => void = () => {}): LoggerInterface {
	let current = 0;
	const logger: LoggerInterface = {
		level(level?: number) {
			if (level === undefined) return current;
			current = level;
			return logger;
		},
		error: (...args: readonly unknown[]) => (onMessage('error', args.map(String).join(' ')), logger),
		warn: (...args: readonly unknown[]) => (onMessage('warn', args.map(String).join(' ')), logger),
		info: () => logger,
		debug: () => logger,
	} as LoggerInterface;
	return logger;
}
