import { describe, expect, it } from 'vitest';
import { sectionForHeading, splitSections } from '../../src/model-cards/card-sections.ts';

describe('splitSections', () => {
	it('files Hugging Face Trainer headings under the card sections and drops placeholders', () => {
		const body = [
			'<!-- generated -->',
			'',
			'# my-model',
			'',
			'Fine-tuned on emotion.',
			'',
			'## Model description',
			'',
			'More information needed',
			'',
			'## Intended uses & limitations',
			'',
			'Only for demos.',
			'',
			'## Training procedure',
			'',
			'### Training hyperparameters',
			'',
			'- lr: 2e-05',
			'',
			'```md',
			'## not a heading',
			'```',
			'',
			'## Citation',
			'',
			'@misc{x}',
		].join('\n');
		expect(splitSections(body)).toStrictEqual({
			intro: '<!-- generated -->\n\nFine-tuned on emotion.',
			sections: {
				uses: [{ heading: 'Intended uses & limitations', markdown: 'Only for demos.' }],
				'training-data': [
					{
						heading: 'Training procedure',
						markdown: '### Training hyperparameters\n\n- lr: 2e-05\n\n```md\n## not a heading\n```',
					},
				],
			},
			extra: [{ heading: 'Citation', markdown: '@misc{x}' }],
		});
	});

	it('removes a leading title and splits at level 1 when there is no level 2', () => {
		expect(splitSections('# Title\n\nIntro\n\n## Factors\n\nIsland').intro).toBe('Intro');
		expect(splitSections('# Uses\n\nTeaching\n\n# Ethical considerations\n\nNone known').sections).toStrictEqual({
			uses: [{ heading: 'Uses', markdown: 'Teaching' }],
			'bias-risks-limitations': [{ heading: 'Ethical considerations', markdown: 'None known' }],
		});
	});

	it('knows the Hugging Face and Mitchell et al. headings', () => {
		expect(sectionForHeading('Bias, Risks, and Limitations')).toBe('bias-risks-limitations');
		expect(sectionForHeading('Out-of-Scope Use')).toBe('uses');
		expect(sectionForHeading('Caveats and Recommendations')).toBe('recommendations');
		expect(sectionForHeading('Quantitative Analyses')).toBe('metrics');
		expect(sectionForHeading('Training Data')).toBe('training-data');
		expect(sectionForHeading('Glossary')).toBeNull();
	});
});
