/**
 * Where command-line tools report. Library code takes a Logger instead of calling `console`,
 * so tests pass `noopLogger` and stay silent.
 */
export interface Logger {
	/** A normal line: counts, what was written. */
	info(message: string): void;
	/** A catalogued warning (src/messages.ts). */
	warn(message: string): void;
	/** A failure the user must act on; printed in red on a terminal. */
	error(message: string): void;
}

/** A logger that drops everything (tests). */
export const noopLogger: Logger = { info() {}, warn() {}, error() {} };

const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
const RESET = '\u001b[0m';

/**
 * A logger writing info to `out` and warnings and errors to `err`, coloured when `err` is a
 * terminal and `NO_COLOR` is not set.
 */
export function consoleLogger(
	out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
	err: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
	env: Record<string, string | undefined> = process.env,
): Logger {
	const colour = Boolean(err.isTTY) && !env['NO_COLOR'];
	const paint = (code: string, text: string) => (colour ? `${code}${text}${RESET}` : text);
	return {
		info: (message) => void out.write(`${message}\n`),
		warn: (message) => void err.write(`${paint(YELLOW, 'warning')} ${message}\n`),
		error: (message) => void err.write(`${paint(RED, message)}\n`),
	};
}

/** A logger that records lines, for tests that assert on output. */
export function memoryLogger(): Logger & { lines: Array<{ level: keyof Logger; message: string }> } {
	const lines: Array<{ level: keyof Logger; message: string }> = [];
	return {
		lines,
		info: (message) => void lines.push({ level: 'info', message }),
		warn: (message) => void lines.push({ level: 'warn', message }),
		error: (message) => void lines.push({ level: 'error', message }),
	};
}
