import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
};

/**
 * Serves a built site from `dir` at `base` on 127.0.0.1 (a random free port), as a static host
 * would: `/base/x/` serves `dir/x/index.html`. For browser checks and screenshots only.
 */
export async function serveStatic(dir: string, base: string): Promise<{ url: string; server: Server }> {
	const server = createServer(async (req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		if (!path.startsWith(base)) return void res.writeHead(404).end('not found');
		let file = normalize(join(dir, path.slice(base.length)));
		if (!file.startsWith(normalize(dir))) return void res.writeHead(403).end();
		const info = await stat(file).catch(() => null);
		if (info?.isDirectory()) file = join(file, 'index.html');
		const found = await stat(file).catch(() => null);
		if (!found?.isFile()) return void res.writeHead(404).end('not found');
		res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		createReadStream(file).pipe(res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return { url: `http://127.0.0.1:${port}${base}`, server };
}
