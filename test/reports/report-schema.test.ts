import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/schemas/report.ts';

const valid = { title: 'T', description: 'D', authors: ['Ana'], date: '2026-03-03' };

describe('ReportSchema', () => {
	it('keeps the date as written, also when YAML read it as a timestamp', () => {
		expect(ReportSchema.parse(valid)).toEqual({ ...valid, tags: [], experiments: [], models: [], draft: false });
		expect(ReportSchema.parse({ ...valid, date: new Date('2026-03-03T00:00:00Z') }).date).toBe('2026-03-03');
	});

	it('rejects a missing author, a date in another format and an impossible date', () => {
		expect(ReportSchema.safeParse({ ...valid, authors: [] }).success).toBe(false);
		const format = ReportSchema.safeParse({ ...valid, date: '03/03/2026' });
		expect(format.error?.issues[0]?.message).toBe('Write the date as YYYY-MM-DD, e.g. 2026-03-03');
		expect(ReportSchema.safeParse({ ...valid, date: '2026-13-40' }).error?.issues[0]?.message).toBe('Not a calendar date');
	});
});
