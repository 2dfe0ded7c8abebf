import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gitlabPagesContentType } from '../../support/sniff-content-type.ts';

/** Content types a static host sends for the files a built site has. */
const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.webp': 'image/webp',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.ico': 'image/x-icon',
	'.wasm': 'application/wasm',
	'.txt': 'text/plain; charset=utf-8',
	'.md': 'text/markdown; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8',
	'.xml': 'application/xml',
	'.woff2': 'font/woff2',
};

export interface StaticSite {
	/** Root URL of the site, ending with the base, e.g. `http://127.0.0.1:41234/`. */
	url: string;
	close(): Promise<void>;
}

/**
 * Serves the built site in `dir` at `base` on 127.0.0.1 (a free port), as GitLab Pages would:
 * `/base/x/` serves `dir/x/index.html`, `/base/x` redirects to `/base/x/`, a missing file gets
 * `dir/404.html` with status 404. No headers beyond the content type: the pages carry their CSP.
 * With `sniff`, the content type is the one gitlab-pages without `/etc/mime.types` sends: from
 * Go's built-in extension table, else sniffed from the first 512 bytes (sniff-content-type.ts).
 * With `redirects`, the `200` rules of the site's `_redirects` apply as GitLab Pages applies
 * them: to paths no file answers, the first rule whose path matches (`*` at its end matching
 * any rest) serves its target page with status 200.
 */
export async function serveStatic(dir: string, base = '/', options: { sniff?: boolean; redirects?: boolean } = {}): Promise<StaticSite> {
	const root = normalize(dir);
	const server: Server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		let path: string;
		try {
			path = decodeURIComponent(url.pathname);
		} catch {
			return void res.writeHead(400).end();
		}
		const notFound = async () => {
			const rewrite = options.redirects ? await rewriteOf(root, base, path) : null;
			if (rewrite) {
				res.writeHead(200, { 'content-type': TYPES['.html']! });
				return void createReadStream(rewrite).pipe(res);
			}
			const page = join(root, '404.html');
			const found = await stat(page).catch(() => null);
			res.writeHead(404, { 'content-type': TYPES['.html']! });
			if (found?.isFile()) createReadStream(page).pipe(res);
			else res.end('not found');
		};
		if (!path.startsWith(base)) return notFound();
		let file = normalize(join(root, path.slice(base.length)));
		if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end();
		const info = await stat(file).catch(() => null);
		if (info?.isDirectory()) {
			if (!path.endsWith('/')) return void res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
			file = join(file, 'index.html');
		}
		const found = await stat(file).catch(() => null);
		if (!found?.isFile()) return notFound();
		const type = options.sniff
			? gitlabPagesContentType(file, new Uint8Array(await readFile(file)).subarray(0, 512))
			: (TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
		res.writeHead(200, { 'content-type': type, 'content-length': found.size });
		if (req.method === 'HEAD') return void res.end();
		createReadStream(file).pipe(res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}${base}`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/** The page a `_redirects` 200 rule serves at `path` (decoded, with the base), or null. */
async function rewriteOf(root: string, base: string, path: string): Promise<string | null> {
	const text = await readFile(join(root, '_redirects'), 'utf8').catch(() => '');
	for (const line of text.split('\n')) {
		const [from, to, status] = line.trim().split(/\s+/);
		if (!from || !to || status !== '200' || from.startsWith('#')) continue;
		const matches = from.endsWith('*') ? path.startsWith(from.slice(0, -1)) : path === from;
		if (!matches || !to.startsWith(base)) continue;
		const target = join(root, to.slice(base.length), to.endsWith('/') ? 'index.html' : '');
		if ((await stat(target).catch(() => null))?.isFile()) return target;
	}
	return null;
}
