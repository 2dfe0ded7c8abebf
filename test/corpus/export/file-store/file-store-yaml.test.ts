import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectSameAsYaml11 } from '../../../export/helpers/expect-same-as-yaml11.ts';
import { FIXTURES, fixture } from '../../helpers/shared-fixtures.ts';

describe('parseFileStoreMeta on the real stores', () => {
	it('agrees with a full YAML 1.1 parse on every meta.yaml of ../shared/fixtures', () => {
		fixture('.');
		const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('meta.yaml'));
		expect(files.length).toBeGreaterThan(900);
		for (const file of files) expectSameAsYaml11(readFileSync(join(FIXTURES, file), 'utf8'), file);
	});
});
