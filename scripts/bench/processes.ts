// Child processes under test (the server, the floor) and what the bench reads about them and about
// PostgreSQL's backends from /proc (Linux): CPU time (utime + stime) and resident memory.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';

let clockTicks: number | undefined;
/** Clock ticks per second of /proc/<pid>/stat times (getconf CLK_TCK; 100 on Linux). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

let pageSize: number | undefined;
function pageBytes(): number {
  if (pageSize === undefined) {
    try {
      pageSize = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
    } catch {
      pageSize = 4096;
    }
  }
  return pageSize;
}

export interface ProcSample {
  /** utime + stime in ms. */
  cpuMs: number;
  rssBytes: number;
}

/** CPU time and RSS of a process (all its threads), or undefined when it is gone or /proc is missing. */
export function readProc(pid: number): ProcSample | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime = field 14, stime = 15, rss (pages) = 24.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { cpuMs: ((utime + stime) * 1000) / ticksPerSecond(), rssBytes: rssPages * pageBytes() };
}

export const procAvailable = () => readProc(process.pid) !== undefined;

/**
 * PIDs of the PostgreSQL backends connected to a database, found by their process title
 * ("postgres: <user> <database> <host>(<port>) <state>"); empty when PostgreSQL runs elsewhere.
 */
export function postgresBackends(database: string): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.startsWith('postgres:') && cmdline.includes(` ${database} `)) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Samples a process's RSS and the CPU of PostgreSQL backends during a timed window. Backends come
 * and go (the pool opens and closes connections): each one's last reading counts, so one that exits
 * loses at most one interval of CPU.
 */
export class WindowSampler {
  private timer: NodeJS.Timeout | undefined;
  private rescan: NodeJS.Timeout | undefined;
  private backendStart = new Map<number, number>();
  private backendLast = new Map<number, number>();
  private serverStart: ProcSample | undefined;
  private serverLast: ProcSample | undefined;
  peakRssBytes = 0;

  constructor(
    private readonly serverPid: number,
    private readonly database: string | undefined,
    private readonly intervalMs = 200,
  ) {}

  private scanBackends(initial: boolean) {
    if (!this.database) return;
    for (const pid of postgresBackends(this.database)) {
      if (this.backendLast.has(pid)) continue;
      const s = readProc(pid);
      if (!s) continue;
      // A backend born during the window spent all its CPU in it.
      this.backendStart.set(pid, initial ? s.cpuMs : 0);
      this.backendLast.set(pid, s.cpuMs);
    }
  }

  private sample() {
    const s = readProc(this.serverPid);
    if (s) {
      this.serverLast = s;
      if (s.rssBytes > this.peakRssBytes) this.peakRssBytes = s.rssBytes;
    }
    for (const pid of this.backendLast.keys()) {
      const b = readProc(pid);
      if (b) this.backendLast.set(pid, b.cpuMs);
    }
  }

  start() {
    this.scanBackends(true);
    this.serverStart = readProc(this.serverPid);
    this.serverLast = this.serverStart;
    this.peakRssBytes = this.serverStart?.rssBytes ?? 0;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.rescan = setInterval(() => this.scanBackends(false), 1000);
  }

  /** Stops sampling; CPU deltas over the window (undefined where /proc could not tell). */
  stop(): { serverCpuMs?: number; postgresCpuMs?: number; peakRssBytes?: number; backends: number } {
    clearInterval(this.timer);
    clearInterval(this.rescan);
    this.sample();
    this.scanBackends(false);
    let pgMs = 0;
    for (const [pid, last] of this.backendLast) pgMs += last - (this.backendStart.get(pid) ?? last);
    return {
      serverCpuMs: this.serverStart && this.serverLast ? this.serverLast.cpuMs - this.serverStart.cpuMs : undefined,
      postgresCpuMs: this.database && this.backendLast.size ? pgMs : undefined,
      peakRssBytes: this.serverStart ? this.peakRssBytes : undefined,
      backends: this.backendLast.size,
    };
  }
}

/** A free TCP port on 127.0.0.1 (the OS picks it; the child binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  name: string;
  pid: number;
  url: string;
  /** Sends SIGTERM and waits for the exit (SIGKILL after timeoutMs); resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
  /** The last output of the child (stdout and stderr), for error messages. */
  output(): string;
}

/** Children still running, stopped on failure and Ctrl-C. */
export const runningChildren = new Set<Child>();

/**
 * Starts `node <args>` with `env` on a free port and waits until GET <url>/ready answers 200.
 * Throws with the child's output when it exits first or is not ready within timeoutMs.
 */
export async function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs = 120_000): Promise<Child> {
  const port = await freePort();
  const proc: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-4000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    proc.on('exit', (code, signal) => {
      exitCode = code ?? (signal ? null : code);
      resolve(exitCode);
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const child: Child = {
    name,
    pid: proc.pid!,
    url,
    output: () => out.trim(),
    async stop(stopTimeoutMs = 30_000) {
      runningChildren.delete(child);
      if (exitCode !== undefined) return exitCode;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), stopTimeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  runningChildren.add(child);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) {
      runningChildren.delete(child);
      throw new Error(`${name} exited (code ${exitCode}) before it was ready:\n${out.trim() || '(no output)'}`);
    }
    try {
      const res = await fetch(`${url}/ready`);
      await res.arrayBuffer();
      if (res.status === 200) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${out.trim() || '(no output)'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
