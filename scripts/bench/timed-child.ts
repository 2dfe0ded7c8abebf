/**
 * Runs a command as a child process and measures it: wall time, CPU time (user + sys, from GNU
 * `/usr/bin/time` when present), the peak RSS of its largest process and of its whole process
 * tree (polled from `/proc` every second), and the HTML pages Astro reported rendering (its
 * `… index.html (+12ms)` lines in the log). The child's output goes to a log file, never to the terminal.
 *
 * Caps: the child runs in its own process group, which is killed when it runs longer than
 * `timeoutMs`, when its tree's RSS exceeds `maxRssBytes`, or when the disk holding `diskPath`
 * has less than `minFreeBytes` left. A child that fails or is killed throws a StepFailure that
 * carries what was measured up to then, so the benchmark can report it and go on.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, rmSync, statfsSync, statSync } from 'node:fs';

export interface ChildStats {
	wallMs: number;
	/** user + sys of the child and its waited children; null without /usr/bin/time or when killed. */
	cpuMs: number | null;
	/** Peak RSS of the largest single process (the `time` wrapper itself excluded). */
	peakRssBytes: number;
	/** Peak of the summed RSS of all processes of the tree at one poll (0 when never polled). */
	treePeakRssBytes: number;
	/** HTML page lines (`├─ /runs/…/index.html (+3ms)`) Astro wrote to the log. */
	pagesLogged: number;
	exitCode: number;
}

export interface ChildCaps {
	timeoutMs?: number;
	maxRssBytes?: number;
	/** Stop when the file system of `diskPath` has less than `minFreeBytes` available. */
	diskPath?: string;
	minFreeBytes?: number;
	/** Called every `tickMs` (default 30 s) with the figures so far: for a progress line. */
	onTick?: (s: ChildStats) => void;
	tickMs?: number;
}

export interface ChildOptions extends ChildCaps {
	cwd: string;
	env?: Record<string, string | undefined>;
	/** Appended with the child's stdout and stderr. */
	log: string;
}

/** Why a child did not finish: a cap was reached (it was killed) or it exited non-zero. */
export type ChildEnd = { kind: 'timeout' | 'memory' | 'disk' } | { kind: 'crashed'; exitCode: number; reason: string | null };

/** A child that did not finish, with what was measured until it stopped. */
export class StepFailure extends Error {
	override name = 'StepFailure' as const;
	readonly stats: ChildStats;
	readonly end: ChildEnd;
	constructor(message: string, stats: ChildStats, end: ChildEnd) {
		super(message);
		this.stats = stats;
		this.end = end;
	}
}

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 1000;
const live = new Set<number>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		for (const group of live) killGroup(group);
		process.exit(130);
	});
}

function killGroup(pid: number): void {
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		// already gone
	}
}

/** `pid` and its descendants, from `/proc/<pid>/task/<tid>/children`. */
function processTree(pid: number): number[] {
	const out: number[] = [];
	const walk = (p: number) => {
		out.push(p);
		try {
			for (const tid of readdirSync(`/proc/${p}/task`)) {
				for (const c of readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').split(' ')) if (c.trim()) walk(Number(c));
			}
		} catch {
			// exited meanwhile
		}
	};
	walk(pid);
	return out;
}

/** VmRSS and VmHWM of `pid` in bytes, or null when it is gone. */
function memory(pid: number): { rss: number; hwm: number } | null {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return null;
	}
}

/** Counts Astro's per-page log lines appended to `log` since `from`; returns the new offset. */
function countPages(log: string, from: number): { pages: number; offset: number } {
	const size = statSync(log).size;
	if (size <= from) return { pages: 0, offset: from };
	const fd = openSync(log, 'r');
	try {
		const buf = Buffer.alloc(size - from);
		readSync(fd, buf, 0, buf.length, from);
		const text = buf.toString('utf8');
		// Up to the last newline: a line cut in two is counted at the next poll.
		const end = text.lastIndexOf('\n') + 1;
		return { pages: text.slice(0, end).match(/\.html \(\+\d+(?:\.\d+)?m?s\)/g)?.length ?? 0, offset: from + Buffer.byteLength(text.slice(0, end)) };
	} finally {
		closeSync(fd);
	}
}

/** The line of the log that says why a process died (V8's out-of-memory report, a thrown error), if any. */
function crashReason(log: string, from: number): string | null {
	const text = readFileSync(log, 'utf8').slice(from);
	if (/JavaScript heap out of memory|Reached heap limit/.test(text)) return 'JavaScript heap out of memory';
	const line = text.split('\n').findLast((l) => /error|killed|signal/i.test(l));
	return line ? line.trim().slice(0, 160) : null;
}

/** Runs `command args…`; throws a StepFailure when it exits non-zero or a cap stops it. */
export async function timedChild(command: string, args: readonly string[], options: ChildOptions): Promise<ChildStats> {
	appendFileSync(options.log, `\n$ ${command} ${args.join(' ')}\n`);
	const logStart = statSync(options.log).size;
	const out = openSync(options.log, 'a');
	const statsFile = `${options.log}.time`;
	rmSync(statsFile, { force: true });
	const useTime = existsSync(GNU_TIME);
	const started = performance.now();
	const s: ChildStats = { wallMs: 0, cpuMs: null, peakRssBytes: 0, treePeakRssBytes: 0, pagesLogged: 0, exitCode: 0 };
	// Set by the poll (a cap) or at exit (a crash).
	let end = null as ChildEnd | null;
	let logOffset = logStart;
	const child = useTime
		? spawn(GNU_TIME, ['-f', '%e %U %S %M', '-o', statsFile, command, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', out, out], detached: true })
		: spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', out, out], detached: true });
	const pid = child.pid!;
	live.add(pid);
	let lastTick = started;
	const poll = () => {
		s.wallMs = performance.now() - started;
		let tree = 0;
		for (const p of processTree(pid)) {
			const m = memory(p);
			if (!m) continue;
			tree += m.rss;
			if (!(useTime && p === pid)) s.peakRssBytes = Math.max(s.peakRssBytes, m.hwm);
		}
		s.treePeakRssBytes = Math.max(s.treePeakRssBytes, tree);
		const counted = countPages(options.log, logOffset);
		s.pagesLogged += counted.pages;
		logOffset = counted.offset;
		if (end === null) {
			if (options.timeoutMs !== undefined && s.wallMs > options.timeoutMs) end = { kind: 'timeout' };
			else if (options.maxRssBytes !== undefined && tree > options.maxRssBytes) end = { kind: 'memory' };
			else if (options.diskPath !== undefined && options.minFreeBytes !== undefined && existsSync(options.diskPath)) {
				const fs = statfsSync(options.diskPath);
				if (fs.bavail * fs.bsize < options.minFreeBytes) end = { kind: 'disk' };
			}
			if (end !== null) killGroup(pid);
		}
		if (options.onTick && performance.now() - lastTick >= (options.tickMs ?? 30_000)) {
			lastTick = performance.now();
			options.onTick({ ...s });
		}
	};
	const timer = setInterval(poll, POLL_MS);
	const exitCode = await new Promise<number>((resolve, reject) => {
		child.on('error', reject);
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
	});
	clearInterval(timer);
	live.delete(pid);
	killGroup(pid); // workers the child left behind
	closeSync(out);
	poll();
	s.wallMs = performance.now() - started;
	s.exitCode = exitCode;
	if (useTime && existsSync(statsFile)) {
		const fields = readFileSync(statsFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
		if (fields.length === 4 && fields.every(Number.isFinite)) {
			s.cpuMs = ((fields[1] ?? 0) + (fields[2] ?? 0)) * 1000;
			s.peakRssBytes = Math.max(s.peakRssBytes, (fields[3] ?? 0) * 1024);
		}
		rmSync(statsFile, { force: true });
	}
	if (end === null && exitCode !== 0) end = { kind: 'crashed', exitCode, reason: crashReason(options.log, logStart) };
	if (end !== null) throw new StepFailure(`${command} ${args.join(' ')} ${end.kind === 'crashed' ? `exited with ${end.exitCode}` : `was stopped (${end.kind} cap)`}; see ${options.log}`, s, end);
	return s;
}
