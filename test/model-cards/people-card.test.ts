import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPeopleCard } from '../../src/model-cards/people-card.ts';

const dir = '/cards';
const files = (entries: Record<string, string>) => (path: string) => entries[path] ?? null;

describe('readPeopleCard', () => {
	it('merges the per-version card over the per-model card', () => {
		const read = files({
			[join(dir, 'm.md')]: '---\nlicense: mit\ntags: [a]\n---\nAbout m.\n\n## Uses\n\nDemos.\n\n## Factors\n\nIsland.\n',
			[join(dir, 'm@2.mdx')]: '---\nlicense: apache-2.0\n---\n## Factors\n\nIsland and sex.\n\n## Citation\n\nx\n',
		});
		expect(readPeopleCard(dir, 'm', '2', read)).toStrictEqual({
			metadata: { license: 'apache-2.0', tags: ['a'] },
			body: {
				intro: 'About m.',
				sections: {
					uses: [{ heading: 'Uses', markdown: 'Demos.' }],
					factors: [{ heading: 'Factors', markdown: 'Island and sex.' }],
				},
				extra: [{ heading: 'Citation', markdown: 'x' }],
			},
		});
		expect(readPeopleCard(dir, 'm', '1', read)?.metadata).toStrictEqual({ license: 'mit', tags: ['a'] });
		expect(readPeopleCard(dir, 'other', '1', read)).toBeNull();
	});

	it('names the file in validation errors', () => {
		const read = files({ [join(dir, 'm@3.md')]: '---\npipeline_tag: [a]\n---\n' });
		expect(() => readPeopleCard(dir, 'm', '3', read)).toThrowErrorMatchingInlineSnapshot(`
			[AstroUserError: The front matter of model-cards/m@3.md is not valid Hugging Face model-card metadata:
			- **pipeline_tag**: Invalid input: expected string, received array]
		`);
	});
});
