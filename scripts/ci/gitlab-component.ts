import { parse } from 'yaml';

/** One input of a component's `spec:inputs`, as GitLab reads it. */
export interface ComponentInput {
	description?: string;
	type?: 'string' | 'boolean' | 'number' | 'array';
	default?: unknown;
	options?: unknown[];
	regex?: string;
}

/** A GitLab CI/CD component split into its `spec` header and the jobs after `---`. */
export interface Component {
	/** The comment lines above `spec:`. */
	preamble: string;
	inputs: Record<string, ComponentInput>;
	/** The text after the `---` line, with `$[[ inputs.x ]]` places. */
	body: string;
}

const PLACE = /\$\[\[\s*inputs\.([\w-]+)\s*(\|[^\]]*)?\]\]/g;

/** Splits a component file (`spec:` header, `---`, jobs) as GitLab does. */
export function parseComponent(text: string): Component {
	const lines = text.split('\n');
	const separator = lines.indexOf('---');
	if (separator < 0) throw new Error('A component has a spec header, then a line "---", then its jobs.');
	const header = lines.slice(0, separator).join('\n');
	const spec = parse(header) as { spec?: { inputs?: Record<string, ComponentInput | null> } } | null;
	const inputs = Object.fromEntries(Object.entries(spec?.spec?.inputs ?? {}).map(([name, input]) => [name, input ?? {}]));
	const preamble = lines.slice(0, lines.findIndex((l) => l.startsWith('spec:'))).join('\n');
	return { preamble, inputs, body: lines.slice(separator + 1).join('\n') };
}

/**
 * The jobs of `component` with each `$[[ inputs.x ]]` replaced by the given value or the input's
 * default, checked as GitLab checks them: every input is declared, required ones are given,
 * booleans and numbers have their type, `options` and `regex` hold.
 * @throws Error naming the input at fault
 */
export function renderComponent(component: Component, given: Record<string, unknown> = {}): string {
	for (const name of Object.keys(given)) if (!(name in component.inputs)) throw new Error(`Unknown input ${name}; the component declares ${Object.keys(component.inputs).join(', ')}.`);
	const values: Record<string, string> = {};
	for (const [name, input] of Object.entries(component.inputs)) {
		const value = name in given ? given[name] : input.default;
		if (value === undefined) throw new Error(`Input ${name} is required.`);
		const type = input.type ?? 'string';
		if (type === 'boolean' && typeof value !== 'boolean') throw new Error(`Input ${name} is a boolean, not ${JSON.stringify(value)}.`);
		if (type === 'number' && typeof value !== 'number') throw new Error(`Input ${name} is a number, not ${JSON.stringify(value)}.`);
		if (type === 'string' && typeof value !== 'string') throw new Error(`Input ${name} is a string, not ${JSON.stringify(value)}.`);
		if (input.options && !input.options.includes(value)) throw new Error(`Input ${name} is one of ${input.options.join(', ')}, not ${JSON.stringify(value)}.`);
		if (input.regex && !new RegExp(input.regex).test(String(value))) throw new Error(`Input ${name} must match ${input.regex}.`);
		values[name] = String(value);
	}
	return component.body.replace(PLACE, (_, name: string, fn: string | undefined) => {
		if (fn) throw new Error(`Input functions (${fn.trim()}) are not supported here.`);
		if (!(name in values)) throw new Error(`$[[ inputs.${name} ]] names no declared input.`);
		return values[name]!;
	});
}
