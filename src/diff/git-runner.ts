import { spawn } from 'node:child_process';

/** Runs `git` with `args` in `cwd`, feeding `input` to stdin; resolves with stdout. */
export type GitRunner = (args: readonly string[], options?: { input?: string }) => Promise<Buffer>;

/** Thrown when git exits non-zero; `stderr` holds git's own message. */
export class GitCommandError extends Error {
	override name = 'GitCommandError' as const;
	readonly stderr: string;
	readonly exitCode: number | null;
	constructor(args: readonly string[], exitCode: number | null, stderr: string) {
		super(`git ${args.join(' ')} exited with status ${exitCode}: ${stderr.trim()}`);
		this.stderr = stderr;
		this.exitCode = exitCode;
	}
}

/** The real git, run in `cwd`. */
export function gitRunner(cwd: string): GitRunner {
	return (args, options = {}) =>
		new Promise((resolve, reject) => {
			const input = options.input;
			const child = spawn('git', args, { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
			const out: Buffer[] = [];
			const err: Buffer[] = [];
			child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
			child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
			child.on('error', reject);
			child.on('close', (code) => {
				if (code === 0) resolve(Buffer.concat(out));
				else reject(new GitCommandError(args, code, Buffer.concat(err).toString('utf8')));
			});
			if (child.stdin) {
				// git may exit before reading all of stdin (a bad ref); its exit status reports that.
				child.stdin.on('error', () => {});
				child.stdin.end(input);
			}
		});
}
