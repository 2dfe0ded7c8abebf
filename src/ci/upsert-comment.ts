import { CommentFailed, exportError } from '../errors.ts';
import { SUMMARY_MARKER } from '../diff/diff-markdown.ts';
import type { ReviewContext } from './review-context.ts';

/** Pages of comments searched for the one posted before (100 each, newest first on GitLab). */
const MAX_PAGES = 20;

type Posting = Extract<ReviewContext, { kind: 'gitlab' | 'github' }>;

/**
 * Posts `body` as the merge request's mlpages comment: edits the comment posted before (the one
 * whose text starts with SUMMARY_MARKER), else adds one, so a merge request has one summary that
 * each pipeline updates.
 * @returns whether the comment was `created` or `updated`
 * @throws ExportError CommentFailed naming the request and the status it got
 */
export async function upsertComment(context: Posting, token: string, body: string, fetch: typeof globalThis.fetch): Promise<'created' | 'updated'> {
	const headers: Record<string, string> =
		context.kind === 'gitlab'
			? { 'PRIVATE-TOKEN': token, 'Content-Type': 'application/json' }
			: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28', 'User-Agent': 'mlpages', 'Content-Type': 'application/json' };
	const call = async (method: string, url: string, payload?: unknown): Promise<unknown> => {
		let response: Response;
		try {
			response = await fetch(url, { method, headers, ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) });
		} catch (error) {
			throw exportError(CommentFailed, `${method} ${url}`, `no response (${(error as Error).message})`);
		}
		if (!response.ok) throw exportError(CommentFailed, `${method} ${url}`, `status ${response.status}`);
		return response.json();
	};
	const listUrl = context.kind === 'gitlab' ? `${context.notesUrl}?sort=desc&order_by=created_at&per_page=100` : `${context.commentsUrl}?per_page=100`;
	let found: number | undefined;
	for (let page = 1; page <= MAX_PAGES && found === undefined; page++) {
		const items = (await call('GET', `${listUrl}&page=${page}`)) as Array<{ id: number; body?: string; system?: boolean }>;
		found = items.find((item) => !item.system && (item.body ?? '').trimStart().startsWith(SUMMARY_MARKER))?.id;
		if (items.length < 100) break;
	}
	if (found !== undefined) {
		await call(context.kind === 'gitlab' ? 'PUT' : 'PATCH', context.kind === 'gitlab' ? `${context.notesUrl}/${found}` : `${context.editUrl}/${found}`, { body });
		return 'updated';
	}
	await call('POST', context.kind === 'gitlab' ? context.notesUrl : context.commentsUrl, { body });
	return 'created';
}
