/**
 * Runs a command as a child process and measures it: wall time, CPU time (user + sys) and peak
 * RSS, from GNU `/usr/bin/time` when present, else from polling `/proc/<pid>/status` (VmHWM; CPU
 * time is then unknown). The child's output goes to a log file, never to the terminal.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';

export interface ChildStats {
	wallMs: number;
	/** user + sys of the child and its waited children; null without /usr/bin/time. */
	cpuMs: number | null;
	peakRssBytes: number;
	exitCode: number;
}

export interface ChildOptions {
	cwd: string;
	env?: Record<string, string | undefined>;
	/** Appended with the child's stdout and stderr. */
	log: string;
}

const GNU_TIME = '/usr/bin/time';

/** Runs `command args…`; throws when it exits non-zero (the log file has the reason). */
export async function timedChild(command: string, args: readonly string[], options: ChildOptions): Promise<ChildStats> {
	appendFileSync(options.log, `\n$ ${command} ${args.join(' ')}\n`);
	const out = openSync(options.log, 'a');
	const statsFile = `${options.log}.time`;
	const useTime = existsSync(GNU_TIME);
	const started = performance.now();
	let peak = 0;
	const exitCode = await new Promise<number>((resolve, reject) => {
		const child = useTime
			? spawn(GNU_TIME, ['-f', '%e %U %S %M', '-o', statsFile, command, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', out, out] })
			: spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', out, out] });
		const poll = useTime
			? null
			: setInterval(() => {
					const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
					if (m) peak = Math.max(peak, Number(m[1]) * 1024);
				}, 50);
		child.on('error', reject);
		child.on('exit', (code) => {
			if (poll) clearInterval(poll);
			resolve(code ?? 1);
		});
	});
	const wallMs = performance.now() - started;
	closeSync(out);
	let cpuMs: number | null = null;
	if (useTime) {
		const fields = readFileSync(statsFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
		cpuMs = ((fields[1] ?? 0) + (fields[2] ?? 0)) * 1000;
		peak = (fields[3] ?? 0) * 1024;
		rmSync(statsFile, { force: true });
	}
	if (exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${exitCode}; see ${options.log}`);
	return { wallMs, cpuMs, peakRssBytes: peak, exitCode };
}
