import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../scripts/demo/generate.ts';

const examples = new URL('../../examples/', import.meta.url).pathname;
const listFiles = (root: string): string[] =>
	readdirSync(root, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(root, join(entry.parentPath, entry.name)))
		.sort();

describe('scripts/demo/generate.ts', () => {
	let folder = '';
	let result: Awaited<ReturnType<typeof generateDemo>>;
	beforeAll(async () => {
		folder = mkdtempSync(join(tmpdir(), 'mlpages-demo-'));
		result = await generateDemo({ out: join(folder, 'mlflow.db'), format: 'sqlite' });
	});
	afterAll(() => rmSync(folder, { recursive: true, force: true }));

	it('regenerates examples/mlflow.db byte for byte', () => {
		const fresh = readFileSync(join(folder, 'mlflow.db'));
		const committed = readFileSync(join(examples, 'mlflow.db'));
		// Header bytes 92-99 record the SQLite library that wrote the file; a Node release that
		// bundles another SQLite changes only them. With the same library every byte matches.
		const withoutStamp = (bytes: Buffer): Buffer => Buffer.from(bytes).fill(0, 92, 100);
		expect(withoutStamp(fresh).equals(withoutStamp(committed))).toBe(true);
		if (fresh.readUInt32BE(96) === committed.readUInt32BE(96)) {
			expect(fresh.equals(committed)).toBe(true);
		}
		expect(result.runs).toBe(29);
	});

	it('regenerates the artifact tree, text files byte for byte', () => {
		const generated = listFiles(join(folder, 'mlartifacts'));
		expect(generated).toEqual(listFiles(join(examples, 'mlartifacts')));
		for (const file of generated) {
			const fresh = readFileSync(join(folder, 'mlartifacts', file));
			// PNG bytes depend on the local font rasteriser; only their signature is checked.
			if (file.endsWith('.png')) expect(fresh.subarray(1, 4).toString()).toBe('PNG');
			else
				expect(fresh.toString(), file).toBe(
					readFileSync(join(examples, 'mlartifacts', file), 'utf8'),
				);
		}
	});

	it('keeps the store small', () => {
		expect(readFileSync(join(folder, 'mlflow.db')).length).toBeLessThan(3_000_000);
	});
});
