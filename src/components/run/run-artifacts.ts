import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Artifact } from '../../schemas/run.ts';
import { artifactKind, isSafeArtifactPath, PREVIEW_BYTES, thumbnailPath, type ArtifactKind } from './artifact-kind.ts';
import { artifactPublication } from './artifact-publication.ts';
import { previewText } from './text-preview.ts';
import { makeThumbnail } from './thumbnail.ts';
import { isPlainRunId } from '../../lib/is-plain-run-id.ts';

/** One artifact as the run page lists it. */
export interface ArtifactView {
	path: string;
	size: number;
	kind: ArtifactKind;
	/** Path below `/runs/<id>/` of the served file; null when the exporter did not copy it or it is not published. */
	served: string | null;
	/** Why a copied artifact is not published as a file (artifact-publication.ts); null otherwise. */
	notPublished: string | null;
	/** Thumbnail of an image: path below `/runs/<id>/` and size. */
	thumbnail: { path: string; width: number; height: number } | null;
	/** First PREVIEW_BYTES of a text artifact (see previewText), and whether it was cut. */
	preview: { text: string; truncated: boolean } | null;
}

/** The copied file of an artifact under `<contentDir>/artifacts/<runId>/`, or null. */
export function artifactFile(contentDir: string, runId: string, path: string): string | null {
	if (!isPlainRunId(runId) || !isSafeArtifactPath(path)) return null;
	return join(contentDir, 'artifacts', runId, ...path.split('/'));
}

/** The artifacts of a run with what the page shows of each (thumbnails made and cached here). */
export async function runArtifacts(contentDir: string, runId: string, artifacts: readonly Artifact[]): Promise<ArtifactView[]> {
	return Promise.all(
		artifacts.map(async ({ path, size }) => {
			const kind = artifactKind(path);
			const file = artifactFile(contentDir, runId, path);
			const copied = file !== null && (await stat(file).then((s) => s.isFile(), () => false));
			const view: ArtifactView = { path, size, kind, served: null, notPublished: null, thumbnail: null, preview: null };
			if (!copied) return view;
			const publication = await artifactPublication(file, path);
			if (publication.kind === 'none') view.notPublished = publication.reason;
			else {
				view.served = publication.served === null ? null : `artifacts/${publication.served}`;
				if (publication.kind === 'text') view.notPublished = publication.reason;
			}
			if (publication.kind === 'image') {
				const thumb = await makeThumbnail(await readFile(file)).catch(() => null);
				if (thumb) view.thumbnail = { path: thumbnailPath(path), width: thumb.width, height: thumb.height };
			} else if (kind === 'text' || (publication.kind === 'text' && publication.served === null)) {
				const bytes = await readFile(file);
				const head = bytes.subarray(0, PREVIEW_BYTES);
				view.preview = { text: previewText(head), truncated: bytes.length > PREVIEW_BYTES };
			}
			return view;
		}),
	);
}
