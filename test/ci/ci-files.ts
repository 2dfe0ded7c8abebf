import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { tempDir } from '../export/helpers/temp-dir.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');

/**
 * A throwaway git repository (branch main, one commit) holding `files`, whose origin is
 * `remote`, for gitlab-ci-local to read: it takes the project path and the commit from git.
 */
export function ciProject(files: Record<string, string>, remote = 'https://gitlab.example.com/team/analysis.git'): string {
	const dir = tempDir('mlpages-gitlab-ci-');
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), text);
	}
	const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
	git('init', '--quiet', '--initial-branch=main');
	git('add', '--all');
	git('commit', '--quiet', '-m', 'CI files');
	git('remote', 'add', 'origin', remote);
	return dir;
}

/** The predefined variables of a pipeline for the default branch, and of one for merge request !7 into main. */
export const DEFAULT_BRANCH: PipelineVars = { set: { CI_PIPELINE_SOURCE: 'push', CI_DEFAULT_BRANCH: 'main' }, unset: [] };
export const MERGE_REQUEST: PipelineVars = {
	set: { CI_PIPELINE_SOURCE: 'merge_request_event', CI_DEFAULT_BRANCH: 'main', CI_MERGE_REQUEST_IID: '7', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' },
	unset: ['CI_COMMIT_BRANCH'],
};
export interface PipelineVars {
	set: Record<string, string>;
	unset: string[];
}

/** Runs gitlab-ci-local in `dir` with a pipeline's variables; rejects with its output when it fails (an invalid file). */
export async function gitlabCiLocal(dir: string, args: string[], vars: PipelineVars = DEFAULT_BRANCH): Promise<string> {
	const flags = [
		...Object.entries(vars.set).flatMap(([k, v]) => ['--variable', `${k}=${v}`]),
		...vars.unset.flatMap((k) => ['--unset-variable', k]),
		'--ignore-predefined-vars',
		[...Object.keys(vars.set), ...vars.unset].join(','),
		'--no-color',
	];
	try {
		const { stdout } = await promisify(execFile)(join(BIN, 'gitlab-ci-local'), [...args, ...flags], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
		return stdout;
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string; message: string };
		throw new Error(`gitlab-ci-local ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
	}
}

/** One job as gitlab-ci-local lists it (`--list-json`). */
export interface ListedJob {
	name: string;
	stage: string;
	when: string;
	allow_failure: boolean;
	needs?: Array<{ job: string }>;
}

/** The jobs a pipeline runs, with their `when` and `allow_failure` after the rules, as gitlab-ci-local evaluates them. */
export async function pipelineJobs(dir: string, vars: PipelineVars): Promise<ListedJob[]> {
	const out = await gitlabCiLocal(dir, ['--list-json'], vars);
	return (JSON.parse(out.slice(out.indexOf('['))) as ListedJob[]).filter((job) => job.when !== 'never');
}

/** A GitLab job after gitlab-ci-local has resolved includes, inputs and `extends` (`--preview`). */
export type PreviewJob = {
	image?: { name: string };
	stage?: string;
	variables?: Record<string, string>;
	cache?: Array<{ key: { prefix?: string; files?: string[] }; paths: string[]; policy: string }>;
	before_script?: string[];
	script?: string[];
	pages?: { publish?: string; path_prefix?: string; expire_in?: string };
	artifacts?: { paths?: string[]; expire_in?: string };
	environment?: { name?: string; url?: string; auto_stop_in?: string };
	needs?: Array<{ job: string }>;
	rules?: Array<{ if?: string; variables?: Record<string, string>; allow_failure?: boolean }>;
};

/** The whole pipeline as gitlab-ci-local expands it (`--preview`), parsed. */
export async function pipelinePreview(dir: string): Promise<Record<string, PreviewJob>> {
	const out = await gitlabCiLocal(dir, ['--preview']);
	return parse(out.slice(out.indexOf('---'))) as Record<string, PreviewJob>;
}

/** Runs action-validator (a workflow, or an action when the file is named action.yml); resolves to its exit status and output. */
export async function actionValidator(file: string): Promise<{ code: number; output: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)(join(BIN, 'action-validator'), [file], { cwd: ROOT });
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, output: e.stdout + e.stderr };
	}
}
