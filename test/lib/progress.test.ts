import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/lib/progress.ts';
import { consoleLogger, memoryLogger } from '../../src/lib/logger.ts';

function sink(isTTY: boolean) {
	const chunks: string[] = [];
	return { chunks, stream: { isTTY, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WritableStream & { isTTY: boolean } };
}

describe('createProgress', () => {
	it('prints plain lines at most once per interval when not on a terminal', () => {
		const { chunks, stream } = sink(false);
		let t = 0;
		const progress = createProgress({ stream, now: () => t, intervalMs: 1000 });
		progress.update({ experiments: 0, experimentsTotal: 2, runs: 1, points: 10 });
		t = 500;
		progress.update({ experiments: 1, experimentsTotal: 2, runs: 5, points: 1500 });
		t = 1500;
		progress.update({ experiments: 2, experimentsTotal: 2, runs: 9, points: 12000 });
		progress.done();
		expect(chunks).toEqual(['export: 0/2 experiments, 1 runs, 10 points\n', 'export: 2/2 experiments, 9 runs, 12,000 points\n']);
	});

	it('redraws one bar in place on a terminal and clears it when done', () => {
		const { chunks, stream } = sink(true);
		const progress = createProgress({ stream, now: () => 0 });
		progress.update({ experiments: 1, experimentsTotal: 2, runs: 3, points: 4 });
		progress.done();
		expect(chunks[0]).toMatch(/^\r█{12}░{12} 1\/2 experiments, 3 runs, 4 points/);
		expect(chunks[1]).toBe('\r\u001b[K');
	});
});

describe('loggers', () => {
	it('consoleLogger colours errors red on a terminal only', () => {
		const out = sink(false);
		const tty = sink(true);
		consoleLogger(out.stream, tty.stream, {}).error('Boom');
		consoleLogger(out.stream, out.stream, {}).error('Plain');
		consoleLogger(out.stream, tty.stream, { NO_COLOR: '1' }).error('No colour');
		expect(tty.chunks).toEqual(['\u001b[31mBoom\u001b[0m\n', 'No colour\n']);
		expect(out.chunks).toEqual(['Plain\n']);
	});

	it('memoryLogger records lines', () => {
		const logger = memoryLogger();
		logger.info('a');
		logger.warn('b');
		expect(logger.lines).toEqual([
			{ level: 'info', message: 'a' },
			{ level: 'warn', message: 'b' },
		]);
	});
});
