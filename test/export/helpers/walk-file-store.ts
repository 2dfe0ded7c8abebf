import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a plain walk of a file store finds (plain fs, no reader code): everything on disk, and
 * the parts an export leaves out, the way the snapshot's counts differ from a count of files:
 * deleted runs (in place or under `.trash/`), runs of an experiment folder without meta.yaml,
 * and exact duplicate metric lines of the runs that are exported.
 */
export function walkFileStore(root: string) {
	const dirs = (dir: string) =>
		existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name) : [];
	const files = (dir: string): string[] =>
		existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)) : [];
	const tally = () => ({ runs: 0, params: 0, tags: 0, metricFiles: 0, metricPoints: 0 });
	const all = { experiments: 0, trashedExperiments: 0, ...tally() };
	const deleted = tally();
	const withoutMeta = { experiments: 0, folders: [] as string[], ...tally() };
	let duplicates = 0;
	const experiments = [
		...dirs(root).filter((d) => d !== 'models').map((d) => ({ rel: d, trashed: false })),
		...dirs(join(root, '.trash')).map((d) => ({ rel: `.trash/${d}`, trashed: true })),
	];
	for (const exp of experiments) {
		const dir = join(root, exp.rel);
		const hasMeta = existsSync(join(dir, 'meta.yaml'));
		if (exp.trashed) all.trashedExperiments++;
		else all.experiments++;
		if (!hasMeta) {
			withoutMeta.experiments++;
			withoutMeta.folders.push(exp.rel);
		}
		for (const run of dirs(dir).filter((d) => !['tags', 'datasets', 'traces', 'models'].includes(d))) {
			const runDir = join(dir, run);
			const meta = readFileSync(join(runDir, 'meta.yaml'), 'utf8');
			const lines = files(join(runDir, 'metrics')).map((f) => ({
				f,
				lines: readFileSync(f, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== ''),
			}));
			const t = {
				runs: 1,
				params: files(join(runDir, 'params')).length,
				tags: files(join(runDir, 'tags')).length,
				metricFiles: lines.length,
				metricPoints: lines.reduce((n, m) => n + m.lines.length, 0),
			};
			const target = !hasMeta ? withoutMeta : exp.trashed || /^lifecycle_stage: deleted\r?$/m.test(meta) ? deleted : null;
			for (const k of ['runs', 'params', 'tags', 'metricFiles', 'metricPoints'] as const) {
				all[k] += t[k];
				if (target) target[k] += t[k];
			}
			if (!target) for (const m of lines) duplicates += m.lines.length - new Set(m.lines).size;
		}
	}
	return { all, deleted, withoutMeta, duplicates };
}
