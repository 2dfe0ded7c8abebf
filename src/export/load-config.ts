import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigInvalid, exportError } from '../errors.ts';
import { MlpagesConfigSchema, type MlpagesConfig } from '../schemas/config.ts';

/**
 * The mlpages configuration of a project: the `mlpagesConfig` export of `<root>/astro.config.mjs`,
 * validated; the defaults when the file or the export is missing.
 * @throws ExportError ConfigInvalid listing each `**path**: problem`
 */
export async function loadMlpagesConfig(root: string): Promise<MlpagesConfig> {
	const file = join(root, 'astro.config.mjs');
	let input: unknown = {};
	if (existsSync(file)) {
		const mod = (await import(pathToFileURL(file).href)) as { mlpagesConfig?: unknown };
		input = mod.mlpagesConfig ?? {};
	}
	const parsed = MlpagesConfigSchema.safeParse(input);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((i) => `- **${i.path.map(String).join('.') || '(root)'}**: ${i.message}`).join('\n');
	throw exportError(ConfigInvalid, problems);
}
