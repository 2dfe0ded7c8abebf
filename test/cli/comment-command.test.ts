import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommentCommand } from '../../src/cli/comment-command.ts';
import { diffMarkdown } from '../../src/diff/diff-markdown.ts';
import { diffSnapshots } from '../../src/diff/diff-snapshots.ts';
import { CommentFailed, CommentInputMissing } from '../../src/errors.ts';
import { stableStringify } from '../../src/lib/json.ts';
import { memoryLogger } from '../../src/lib/logger.ts';
import { MlpagesConfigSchema } from '../../src/schemas/config.ts';
import { tempDir } from '../export/helpers/temp-dir.ts';
import { fixture } from '../diff/helpers.ts';

/** A tiny GitLab notes API and GitHub issue-comments API over real HTTP, keeping what was posted. */
interface Comment {
	id: number;
	body: string;
	system?: boolean;
}
const store = { gitlab: [] as Comment[], github: [] as Comment[], requests: [] as string[], status: 200 };
let server: Server;
let url: string;

const readBody = (req: IncomingMessage) => new Promise<string>((resolve) => {
	let text = '';
	req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
	req.on('end', () => resolve(text));
});

beforeAll(async () => {
	server = createServer(async (req, res) => {
		const body = await readBody(req);
		const path = new URL(req.url!, 'http://x').pathname;
		const auth = req.headers['private-token'] ?? req.headers['authorization'];
		store.requests.push(`${req.method} ${path} ${auth}`);
		const reply = (status: number, json: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
		if (store.status !== 200) return reply(store.status, { message: 'no' });
		const list = path.startsWith('/api/v4/') ? store.gitlab : store.github;
		const edit = /\/(?:notes|comments)\/(\d+)$/.exec(path);
		if (req.method === 'GET') return reply(200, [...list].reverse());
		if (req.method === 'POST') {
			const comment = { id: list.length + 100, body: JSON.parse(body).body };
			list.push(comment);
			return reply(201, comment);
		}
		const comment = list.find((c) => c.id === Number(edit?.[1]));
		if (!comment) return reply(404, {});
		comment.body = JSON.parse(body).body;
		return reply(200, comment);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A project folder holding diff.md and diff.json of the fixture snapshots; `rollback` fails the val_loss threshold. */
async function project(direction: 'forward' | 'rollback'): Promise<string> {
	const dir = tempDir('mlpages-comment-');
	const config = MlpagesConfigSchema.parse({ diff: { thresholds: { val_loss: { maxWorsening: 0.01 } } } });
	const [base, head] = await Promise.all([fixture('base'), fixture('head')]);
	const diff = direction === 'forward' ? diffSnapshots(base, head, config) : diffSnapshots(head, base, config);
	writeFileSync(join(dir, 'diff.json'), stableStringify(diff));
	writeFileSync(join(dir, 'diff.md'), diffMarkdown(diff));
	return dir;
}

const GITLAB = () => ({
	GITLAB_CI: 'true',
	CI_API_V4_URL: `${url}/api/v4`,
	CI_PROJECT_ID: '42',
	CI_MERGE_REQUEST_IID: '7',
	CI_PIPELINE_ID: '1001',
	CI_PIPELINE_URL: 'https://gitlab.example.com/group/project/-/pipelines/1001',
	CI_COMMIT_SHORT_SHA: 'abc12345',
	MLPAGES_GITLAB_TOKEN: 'glpat-test-token',
});

async function run(cwd: string, env: Record<string, string>, argv: string[] = []) {
	const logger = memoryLogger();
	const code = await runCommentCommand(argv, { cwd, env, logger });
	return { code, text: logger.lines.map((l) => l.message).join('\n') };
}

describe('mlpages comment on GitLab', () => {
	it('posts one comment on the merge request and edits it on every later pipeline', async () => {
		store.gitlab.length = 0;
		store.gitlab.push({ id: 1, body: 'Looks good to me' }, { id: 2, body: 'added 1 commit', system: true });
		const dir = await project('forward');
		const first = await run(dir, GITLAB());
		expect(first.code).toBe(0);
		expect(first.text).toContain('Posted the summary on !7.');
		expect(first.text).toContain('Thresholds: passed.');
		const second = await run(dir, { ...GITLAB(), CI_PIPELINE_ID: '1002', CI_PIPELINE_URL: 'https://gitlab.example.com/group/project/-/pipelines/1002' });
		expect(second.text).toContain('Updated the summary on !7.');
		const ours = store.gitlab.filter((c) => c.body.startsWith('<!-- mlpages-diff -->'));
		expect(ours).toHaveLength(1);
		expect(ours[0]!.body).toContain('### mlpages: what changed');
		expect(ours[0]!.body).toContain('<sub>Updated by [pipeline 1002](https://gitlab.example.com/group/project/-/pipelines/1002) for `abc12345`.</sub>');
		expect(store.requests.at(-1)).toBe(`PUT /api/v4/projects/42/merge_requests/7/notes/${ours[0]!.id} glpat-test-token`);
	});

	it('fails the job after commenting when a threshold failed', async () => {
		store.gitlab.length = 0;
		const { code, text } = await run(await project('rollback'), GITLAB());
		expect(code).toBe(1);
		expect(store.gitlab).toHaveLength(1);
		expect(text).toContain('Posted the summary on !7.');
		expect(text).toContain('2 tracked metrics got worse than diff.thresholds of the configuration allow:\n- val_loss of penguins-classifier@champion got worse by 0.0327 (37.33%), more than the allowed 0.01.');
	});

	it('prints the summary and says why when there is no token, still applying the thresholds', async () => {
		const before = store.requests.length;
		const { MLPAGES_GITLAB_TOKEN: _, ...env } = GITLAB();
		const pass = await run(await project('forward'), env);
		expect(pass.code).toBe(0);
		expect(pass.text).toContain('### mlpages: what changed');
		expect(pass.text).toContain('Not posted on !7: MLPAGES_GITLAB_TOKEN is not set.');
		expect((await run(await project('rollback'), env)).code).toBe(1);
		expect(store.requests.length).toBe(before);
	});

	it('exits 1 naming the request and status when GitLab refuses the token', async () => {
		store.status = 401;
		try {
			const { code, text } = await run(await project('forward'), GITLAB());
			expect(code).toBe(1);
			expect(text).toContain(`${CommentFailed.title} (${CommentFailed.name})`);
			expect(text).toContain(`GET ${url}/api/v4/projects/42/merge_requests/7/notes?sort=desc&order_by=created_at&per_page=100&page=1 answered status 401.`);
		} finally {
			store.status = 200;
		}
	});

	it('says what to run first when there is no summary', async () => {
		await expect(run(tempDir('mlpages-comment-'), GITLAB())).rejects.toMatchObject({ code: CommentInputMissing.name, exitCode: 1 });
	});
});

describe('mlpages comment on GitHub', () => {
	const event = (dir: string, headRepo: string) => {
		const path = join(dir, 'event.json');
		writeFileSync(path, JSON.stringify({ pull_request: { number: 12, head: { sha: 'feedfacecafe', repo: { full_name: headRepo } } } }));
		return { GITHUB_ACTIONS: 'true', GITHUB_API_URL: url, GITHUB_REPOSITORY: 'team/analysis', GITHUB_EVENT_PATH: path, GITHUB_RUN_ID: '77', GITHUB_SERVER_URL: 'https://github.com', GITHUB_TOKEN: 'ghs_test' };
	};

	it('posts one comment on the pull request and edits it later', async () => {
		store.github.length = 0;
		const dir = await project('forward');
		expect((await run(dir, event(dir, 'team/analysis'))).text).toContain('Posted the summary on #12.');
		expect((await run(dir, event(dir, 'team/analysis'))).text).toContain('Updated the summary on #12.');
		expect(store.github).toHaveLength(1);
		expect(store.github[0]!.body).toContain('<sub>Updated by [workflow run 77](https://github.com/team/analysis/actions/runs/77) for `feedface`.</sub>');
		expect(store.requests.at(-1)).toBe(`PATCH /repos/team/analysis/issues/comments/${store.github[0]!.id} Bearer ghs_test`);
	});

	it('does not try from a fork, whose token is read-only', async () => {
		const before = store.requests.length;
		const dir = await project('forward');
		const { code, text } = await run(dir, event(dir, 'someone/analysis'));
		expect(code).toBe(0);
		expect(text).toContain('Not posted on #12: the pull request comes from the fork someone/analysis');
		expect(store.requests.length).toBe(before);
	});
});

describe('mlpages comment outside a merge request', () => {
	it('prints the summary and applies the thresholds', async () => {
		const { code, text } = await run(await project('rollback'), {});
		expect(code).toBe(1);
		expect(text).toContain('Not posted: this is not a GitLab CI or GitHub Actions job.');
	});
});
