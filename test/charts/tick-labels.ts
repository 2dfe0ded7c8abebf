import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The axis tick labels of a one-axis Vega-Lite spec, as Vega draws them to SVG. */
export async function ticks(spec: TopLevelSpec): Promise<string[]> {
	const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
	const svg = await view.toSVG();
	view.finalize();
	return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}
