// Reads a V8 .cpuprofile (written by `node --cpu-prof`) and sums self time by function, so that the
// profile can be read in a terminal. Optionally only the samples inside given time windows count
// (the bench's timed windows, in the same monotonic clock as process.hrtime, in microseconds).
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  /** function name and where it is (url:line), or a category such as (garbage collector). */
  name: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  /** Sampled time that counted (inside the windows, when given), in ms. */
  totalMs: number;
  /** Of which idle (the event loop waiting), in ms. */
  idleMs: number;
  /** Whether the windows were applied (false: no sample fell in them, so the whole profile counts). */
  windowed: boolean;
  top: ProfileEntry[];
  /** Self time by package (node_modules/<pkg>), the server's own code, or node's internals. */
  byPackage: ProfileEntry[];
}

/** A short location: node_modules/<pkg>/... from the last node_modules, else relative to root. */
function shortUrl(url: string, root: string): string {
  let p = url.replace(/^file:\/\//, '');
  const nm = p.lastIndexOf('/node_modules/');
  if (nm >= 0) return p.slice(nm + '/node_modules/'.length);
  if (root && p.startsWith(root + path.sep)) p = p.slice(root.length + 1);
  return p;
}

function packageOf(url: string, root: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node (internals)';
  const p = url.replace(/^file:\/\//, '');
  const nm = p.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = p.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (root && p.startsWith(root + path.sep)) {
    const rel = p.slice(root.length + 1).split('/');
    // dist/<module>/...: the server's own code, by top-level module.
    return rel[0] === 'dist' && rel.length > 2 ? `server: dist/${rel[1]}` : `server: ${rel.join('/')}`;
  }
  return p;
}

/**
 * Summarises a profile: self time per function (top `limit`) and per package. `windows` (hrtime
 * microseconds) restricts it to samples taken inside them.
 */
export function summarizeProfile(file: string, root: string, windows: Array<[number, number]> = [], limit = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const inWindow = (t: number) => windows.some(([a, b]) => t >= a && t <= b);

  const tally = (useWindows: boolean) => {
    selfUs.clear();
    let t = profile.startTime;
    let counted = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i] ?? 0;
      // A sample stands for the time until the next one.
      const dt = profile.timeDeltas[i + 1] ?? 0;
      if (useWindows && !inWindow(t)) continue;
      selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
      counted++;
    }
    return counted;
  };
  let windowed = windows.length > 0;
  if (windowed && tally(true) === 0) windowed = false;
  if (!windowed) tally(false);

  const byName = new Map<string, number>();
  const byPkg = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    totalUs += us;
    if (functionName === '(idle)') idleUs += us;
    const special = /^\(.*\)$/.test(functionName) && !url;
    const name = special ? functionName : `${functionName || '(anonymous)'} ${url ? `${shortUrl(url, root)}:${lineNumber + 1}` : '(native)'}`;
    byName.set(name, (byName.get(name) ?? 0) + us);
    const pkg = special ? functionName : packageOf(url, root);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
  }
  const entries = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, selfMs: us / 1000, percent: totalUs ? (100 * us) / totalUs : 0 }));
  return { file, totalMs: totalUs / 1000, idleMs: idleUs / 1000, windowed, top: entries(byName, limit), byPackage: entries(byPkg, 12) };
}

export function formatProfileSummary(s: ProfileSummary): string {
  const lines = [
    `CPU profile ${s.file}`,
    `  ${s.windowed ? 'samples inside the timed windows' : 'whole profile (start-up included)'}: ${s.totalMs.toFixed(0)} ms of the main thread's wall time, of which ${s.idleMs.toFixed(0)} ms idle`,
    `  top ${s.top.length} functions by self time:`,
    ...s.top.map((e) => `  ${e.selfMs.toFixed(0).padStart(7)} ms ${e.percent.toFixed(1).padStart(5)}%  ${e.name}`),
    `  by package:`,
    ...s.byPackage.map((e) => `  ${e.selfMs.toFixed(0).padStart(7)} ms ${e.percent.toFixed(1).padStart(5)}%  ${e.name}`),
  ];
  return lines.join('\n');
}
