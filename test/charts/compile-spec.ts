import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { compile, type TopLevelSpec } from 'vega-lite';
import { vegaLogger } from '../../src/charts/vega-logger.ts';

const require = createRequire(import.meta.url);
let validate: ReturnType<Ajv['compile']> | undefined;

/** Warnings and errors Vega-Lite reports while compiling `spec`; an empty list is a clean spec. */
export function compileMessages(spec: TopLevelSpec): string[] {
	const messages: string[] = [];
	compile(spec, { logger: vegaLogger((level, message) => messages.push(`${level}: ${message}`)) });
	return messages;
}

/** Schema errors of `spec` against the Vega-Lite JSON schema the package ships. */
export function schemaErrors(spec: TopLevelSpec): string[] {
	validate ??= new Ajv({
		allowUnionTypes: true,
		strict: false,
		logger: false,
		validateFormats: false,
	}).compile(require('vega-lite/vega-lite-schema.json'));
	return validate(spec) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
