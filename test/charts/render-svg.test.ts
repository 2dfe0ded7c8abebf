import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { closeRenderPool, renderPoolThreadIds, renderWorkerCount } from '../../src/charts/render-pool.ts';
import { metricHistorySpec } from '../../src/charts/metric-history.ts';
import { chartCodeVersion, chartKey, chartKeyOf, renderSvg } from '../../src/charts/render-svg.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'mlpages-chart-cache-'));
afterAll(async () => {
	rmSync(cacheDir, { recursive: true, force: true });
	await closeRenderPool();
});

const series = { step: [0, 1, 2, 3, 4], value: [0.9, 0.6, 0.45, 0.4, 0.38] };

describe('renderSvg', () => {
	it('renders a line chart to SVG without a browser, silently', async () => {
		const messages: string[] = [];
		const svg = await renderSvg(metricHistorySpec({ metric: 'val_loss', series }), {
			cacheDir: false,
			onMessage: (_level, m) => messages.push(m),
		});
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('class="mark-line role-mark');
		expect(svg).toContain('>val_loss</text>');
		expect(svg).not.toContain('style=');
		expect(messages).toEqual([]);
	});

	it('escapes a hostile metric key in the SVG text and attributes', async () => {
		const metric = '</text><script>window.__xss=1</script>"><img src=x onerror=alert(1)>';
		const svg = await renderSvg(metricHistorySpec({ metric, series }), { cacheDir: false });
		expect(svg).not.toContain('<script');
		expect(svg).not.toContain('<img');
		expect(svg).toContain('&lt;/text&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;');
	});

	it('renders text and axes in currentColor so one SVG reads in light and dark', async () => {
		const svg = await renderSvg(metricHistorySpec({ metric: 'acc', series }), { cacheDir: false });
		expect(svg).toContain('fill="currentColor"');
		expect(svg).toContain('stroke="currentColor"');
		expect(svg).not.toMatch(/fill="#(?:fff|ffffff|000|000000)"/i);
	});

	it('serves an unchanged spec from the cache and renders a changed one', async () => {
		const results: boolean[] = [];
		const onResult = (cached: boolean) => results.push(cached);
		const spec = metricHistorySpec({ metric: 'cached', series });
		const first = await renderSvg(spec, { cacheDir, onResult });
		const second = await renderSvg(spec, { cacheDir, onResult });
		await renderSvg(metricHistorySpec({ metric: 'cached', series: { ...series, value: [1, 2, 3, 4, 5] } }), {
			cacheDir,
			onResult,
		});
		expect(results).toEqual([false, true, false]);
		expect(second).toBe(first);
		expect(readdirSync(cacheDir).sort()).toContain(`${chartKey(spec)}.svg`);
		expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
	});

	it('renders uncached charts on one worker thread per core, off the thread that renders pages', async () => {
		const specs = Array.from({ length: 6 }, (_, i) => metricHistorySpec({ metric: `m${i}`, series: { ...series, value: series.value.map((v) => v * (i + 1)) } }));
		const together = await Promise.all(specs.map((spec) => renderSvg(spec, { cacheDir: false })));
		const threads = renderPoolThreadIds();
		expect(threads).toHaveLength(renderWorkerCount());
		expect(threads).not.toContain(threadId);
		for (const [i, svg] of together.entries()) {
			expect(svg).toContain(`>m${i}</text>`);
			expect(await renderSvg(specs[i]!, { cacheDir: false })).toBe(svg);
		}
	});

	it("hands Vega-Lite's warnings from the worker to onMessage, and fails with the worker's error when a spec cannot compile", async () => {
		const messages: string[] = [];
		// A quantitative shape channel: Vega-Lite warns and draws the points anyway.
		const warned = { data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'a', type: 'quantitative' } } };
		await renderSvg(warned as unknown as Parameters<typeof renderSvg>[0], {
			cacheDir: false,
			onMessage: (level, m) => messages.push(`${level}: ${m}`),
		});
		expect(messages.some((m) => m.startsWith('warn: '))).toBe(true);
		const broken = { ...metricHistorySpec({ metric: 'acc', series }), mark: 'no-such-mark' } as unknown as Parameters<typeof renderSvg>[0];
		await expect(renderSvg(broken, { cacheDir: false })).rejects.toThrow(/\w/);
		// The pool survives a failed chart.
		expect((await renderSvg(metricHistorySpec({ metric: 'after', series }), { cacheDir: false })).startsWith('<svg')).toBe(true);
	});

	it("takes a chart from the cache by the exporter's content hash when given one, without hashing the spec", async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mlpages-chart-keys-'));
		try {
			const results: boolean[] = [];
			const onResult = (cached: boolean) => results.push(cached);
			const spec = metricHistorySpec({ metric: 'keyed', series });
			await renderSvg(spec, { cacheDir: dir, onResult, key: 'run-metric\0keyed\0digest-1' });
			await renderSvg(spec, { cacheDir: dir, onResult, key: 'run-metric\0keyed\0digest-1' });
			await renderSvg(spec, { cacheDir: dir, onResult, key: 'run-metric\0keyed\0digest-2' });
			expect(results).toEqual([false, true, false]);
			expect(readdirSync(dir).sort()).toEqual([`${chartKeyOf('run-metric\0keyed\0digest-1')}.svg`, `${chartKeyOf('run-metric\0keyed\0digest-2')}.svg`].sort());
			// The chart code (every file of src/charts/) is part of the key, so a new spec builder
			// renders again; the spec's own hash is not the file name.
			expect(chartCodeVersion()).toMatch(/^[0-9a-f]{16}$/);
			expect(readdirSync(dir)).not.toContain(`${chartKey(spec)}.svg`);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
