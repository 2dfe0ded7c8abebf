import { describe, expect, it } from 'vitest';
import { formatTime } from '../../src/lib/format-time.ts';
import { ciCommit, provenance, provenanceText } from '../../src/lib/provenance.ts';
import type { Manifest } from '../../src/schemas/manifest.ts';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const manifest = (uri: string, dataThrough: number | null = 1_772_526_785_839) =>
	({ source: { kind: 'rest', uri }, dataThrough }) as Manifest;

describe('ciCommit', () => {
	it('links a GitLab commit to the project', () => {
		expect(ciCommit({ CI_COMMIT_SHA: SHA, CI_COMMIT_SHORT_SHA: '01234567', CI_PROJECT_URL: 'https://gitlab.com/group/project' })).toEqual({
			sha: SHA,
			short: '01234567',
			url: `https://gitlab.com/group/project/-/commit/${SHA}`,
		});
	});

	it('links a GitHub commit to the repository', () => {
		expect(ciCommit({ GITHUB_SHA: SHA, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'org/repo' })).toEqual({
			sha: SHA,
			short: SHA.slice(0, 8),
			url: `https://github.com/org/repo/commit/${SHA}`,
		});
	});

	it('shows the commit unlinked without a project URL, and nothing outside CI or for a value that is no hash', () => {
		expect(ciCommit({ GITHUB_SHA: SHA })).toEqual({ sha: SHA, short: SHA.slice(0, 8), url: null });
		expect(ciCommit({})).toBeNull();
		expect(ciCommit({ CI_COMMIT_SHA: '"><script>' })).toBeNull();
		expect(ciCommit({ CI_COMMIT_SHA: SHA, CI_PROJECT_URL: 'javascript:alert(1)' })?.url).toBeNull();
	});
});

describe('provenance', () => {
	const withSource = (source: Manifest['source'], dataThrough: number | null = 1_772_526_785_839) => ({ source, dataThrough }) as Manifest;

	it('names the source by its label, the newest data in UTC and the commit', () => {
		const p = provenance(withSource({ kind: 'rest', label: 'rest · mlflow.example.com' }), { CI_COMMIT_SHA: SHA });
		expect(provenanceText(p, formatTime)).toBe('Data from rest · mlflow.example.com through 2026-03-03 08:33:05 UTC. Built from commit 01234567.');
	});

	it('shows the full URI, without credentials, only when the export published it (publishSourceUri)', () => {
		const p = provenance(withSource({ kind: 'rest', label: 'rest · mlflow.example.com', uri: 'https://user:secret@mlflow.example.com/?token=abc&x=1' }), {});
		expect(provenanceText(p, formatTime)).toBe('Data from rest https://mlflow.example.com/?x=1 through 2026-03-03 08:33:05 UTC.');
	});

	it('makes the label of a manifest written before labels, and never shows its path', () => {
		expect(provenanceText(provenance(manifest('../../../builds/x/examples/mlflow.db', null), {}), formatTime)).toBe('Data from rest.');
		expect(provenanceText(provenance(withSource({ kind: 'sqlite', uri: '../../../builds/x/examples/mlflow.db' }, null), {}), formatTime)).toBe('Data from sqlite · mlflow.db.');
		expect(provenanceText(provenance(manifest('https://user:pw@mlflow.internal:5000/api?token=x', null), {}), formatTime)).toBe('Data from rest · mlflow.internal:5000.');
	});

	it('says less when it knows less', () => {
		expect(provenanceText(provenance(null, {}), formatTime)).toBe('');
	});
});
