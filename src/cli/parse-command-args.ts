import { parseArgs } from 'node:util';
import { UsageError, exportError } from '../errors.ts';
import { didYouMean } from '../lib/did-you-mean.ts';
import { commandSpec } from './commands.ts';

/**
 * Parses a command's own arguments (the global ones are already taken out, see main.ts) against
 * the options listed for it in commands.ts, which the help text is made from too.
 * @throws ExportError UsageError naming the unknown option and the closest known one
 */
export function parseCommandArgs(name: string, argv: readonly string[]) {
	const spec = commandSpec(name);
	const options = Object.fromEntries(Object.entries(spec.options).map(([k, o]) => [k, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
	try {
		return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
	} catch (error) {
		const text = error instanceof Error ? error.message : String(error);
		const unknown = /Unknown option '--([^']+)'/.exec(text)?.[1];
		const guess = unknown ? didYouMean(unknown, Object.keys(spec.options)) : undefined;
		throw exportError(UsageError, `${text}${guess ? ` Did you mean --${guess}?` : ''} Run mlpages ${name} --help for its options.`);
	}
}
