import { dirname } from 'node:path';
import { refusedArtifacts } from '../../messages.ts';
import { confinedDir, isConfined, listConfinedFiles, realBase, type Refusal } from '../confined-artifacts.ts';
import type { RawArtifact } from '../source-reader.ts';
import { display, type StoreContext } from './file-store-walk.ts';

/**
 * The artifacts of a run of the file store. The recorded `artifact_uri` is usually stale
 * (`file:///C:/…`, `%20`-encoded, `./mlruns/8/…`, another machine's absolute path), and may name
 * any folder, so it is never followed: artifacts are read only where MLflow puts them in the store,
 * confined as confined-artifacts.ts says (no symbolic link on any component, real path checked):
 * - `<run folder>/artifacts` when it exists (local `file:` artifacts), the run folder named by
 *   its path below the root (`<exp>/<run>` or `.trash/<exp>/<run>`);
 * - else, for `mlflow-artifacts:` URIs (written through `mlflow server`), the server's default
 *   destination beside the store: `<root>/../mlartifacts/<exp>/<run>/artifacts`.
 * Anything refused is a warning naming the run.
 */
export function listRunArtifacts(
	ctx: StoreContext,
	runRel: string,
	experimentId: string,
	runId: string,
	artifactUri: string | null,
): RawArtifact[] {
	const root = realBase(ctx.root);
	if (root === null) return [];
	const refuse = (where: (rel: string) => string) => (r: Refusal) => ctx.warn(refusedArtifacts(runId, where(r.rel), r.reason));
	const inStore = (rel: string) => display(ctx, rel);
	const local = confinedDir(root, [...runRel.split('/'), 'artifacts']);
	if (isConfined(local)) return listConfinedFiles(local, refuse(inStore));
	if (local !== null) refuse(inStore)(local);
	if (!artifactUri?.startsWith('mlflow-artifacts:')) return [];
	const parent = realBase(dirname(ctx.root));
	if (parent === null) return [];
	// Named relative to the store root, as `<displayUri>/../mlartifacts/…`.
	const beside = (rel: string) => display(ctx, `../${rel}`);
	const served = confinedDir(parent, ['mlartifacts', experimentId, runId, 'artifacts']);
	if (isConfined(served)) return listConfinedFiles(served, refuse(beside));
	if (served !== null) refuse(beside)(served);
	return [];
}
