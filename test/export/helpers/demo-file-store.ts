import { join } from 'node:path';
import { generateDemo } from '../../../scripts/demo/generate.ts';
import { tempDir } from './temp-dir.ts';

/**
 * A temp folder (removed after the test file) holding the example store written as a file store
 * at `<folder>/mlruns`, as the demo script writes it. Returns the folder.
 */
export async function demoFileStore(prefix: string): Promise<string> {
	const dir = tempDir(prefix);
	await generateDemo({ out: join(dir, 'mlruns'), format: 'file' });
	return dir;
}
