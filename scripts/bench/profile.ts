// Summarises V8 CPU profiles (`node --cpu-prof` writes one .cpuprofile per thread; Chromium's
// Profiler domain returns the same format) by self time and by inclusive ("total") time, per
// function and per source area, summed over threads. Positions in bundles (dist-cli/*.mjs,
// dist/assets/*.js) are mapped back to the TypeScript sources through their .map files.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileRow {
  name: string;
  where: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  threads: { name: string; wallMs: number; busyMs: number }[];
  busyMs: number;
  selfByFunction: ProfileRow[];
  selfByArea: ProfileRow[];
  totalByFunction: ProfileRow[];
}

/** Maps a script URL to a file path on disk (for its source map), or null. */
export type UrlToFile = (url: string) => string | null;

const maps = new Map<string, SourceMap | null>();

function sourceMapFor(file: string): SourceMap | null {
  if (!maps.has(file)) {
    let m: SourceMap | null = null;
    try {
      if (existsSync(`${file}.map`)) m = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      m = null;
    }
    maps.set(file, m);
  }
  return maps.get(file)!;
}

function relative(path: string, root: string): string {
  let u = path.replace(/^file:\/\//, '').replace(/\?.*$/, '');
  const i = u.indexOf(root);
  if (i >= 0) u = u.slice(i + root.length).replace(/^\//, '');
  return u.replace(/^(\.\.\/)+/, '');
}

/** Function name and "file:line" of a call frame, through the source map when there is one. */
function locate(cf: CallFrame, root: string, urlToFile: UrlToFile): { name: string; where: string; file: string } {
  const name = cf.functionName || '(anonymous)';
  if (!cf.url) return { name, where: '', file: '' };
  const disk = urlToFile(cf.url);
  const map = disk ? sourceMapFor(disk) : null;
  if (map && cf.lineNumber >= 0) {
    const e = map.findEntry(cf.lineNumber, Math.max(0, cf.columnNumber)) as { originalSource?: string; originalLine?: number; name?: string };
    if (e && e.originalSource) {
      const file = relative(e.originalSource, root);
      return { name, where: `${file}:${(e.originalLine ?? 0) + 1}`, file };
    }
  }
  const file = relative(cf.url, root);
  return { name, where: `${file}:${cf.lineNumber + 1}`, file };
}

function area(name: string, file: string): string {
  if (name === '(garbage collector)') return '(garbage collector)';
  if (name === '(program)') return '(program: native, not attributed)';
  if (!file) return '(native / builtin)';
  if (file.startsWith('node:')) {
    const parts = file.slice(5).split('/');
    return parts[0] === 'internal' ? `node:internal/${parts[1] ?? ''}` : `node:${parts[0]}`;
  }
  const m = /^(src\/[^/]+\/[^/:]+|node_modules\/(?:@[^/]+\/)?[^/]+|[^/]+\/[^/:]+)/.exec(file);
  return (m ? m[1] : file).replace(/:\d+$/, '');
}

export function defaultUrlToFile(root: string): UrlToFile {
  return (url) => {
    if (url.startsWith('file://')) return url.slice(7);
    if (url.startsWith('/')) return url;
    return url.startsWith('node:') || url.includes('://') ? null : join(root, url);
  };
}

export function summarise(profiles: { name: string; profile: CpuProfile }[], root: string, urlToFile: UrlToFile, top = 25): ProfileSummary {
  const self = new Map<string, { name: string; where: string; us: number }>();
  const total = new Map<string, { name: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  const threads: ProfileSummary['threads'] = [];
  let busyAll = 0;
  for (const { name: threadName, profile: p } of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n] as const));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const loc = new Map<number, { name: string; where: string; file: string }>();
    const locOf = (id: number) => {
      let l = loc.get(id);
      if (!l) loc.set(id, (l = locate(byId.get(id)!.callFrame, root, urlToFile)));
      return l;
    };
    let busy = 0;
    p.samples.forEach((id, i) => {
      const us = p.timeDeltas[i] ?? 0;
      const l = locOf(id);
      if (l.name === '(idle)') return;
      busy += us;
      const key = `${l.name}@${l.where}`;
      const e = self.get(key) ?? { name: l.name, where: l.where, us: 0 };
      e.us += us;
      self.set(key, e);
      const a = area(l.name, l.file);
      areas.set(a, (areas.get(a) ?? 0) + us);
      // Inclusive: every distinct function on the stack of this sample.
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = locOf(at);
        if (f.name === '(root)') continue;
        const k = `${f.name}@${f.where}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const t = total.get(k) ?? { name: f.name, where: f.where, us: 0 };
        t.us += us;
        total.set(k, t);
      }
    });
    busyAll += busy;
    threads.push({ name: threadName, wallMs: (p.endTime - p.startTime) / 1000, busyMs: busy / 1000 });
  }
  const rows = (xs: { name: string; where: string; us: number }[]): ProfileRow[] =>
    xs.sort((a, b) => b.us - a.us).slice(0, top).map((x) => ({ name: x.name, where: x.where, ms: x.us / 1000, share: busyAll ? x.us / busyAll : 0 }));
  return {
    threads,
    busyMs: busyAll / 1000,
    selfByFunction: rows([...self.values()]),
    selfByArea: rows([...areas].map(([name, us]) => ({ name, where: '', us }))),
    totalByFunction: rows([...total.values()]),
  };
}

/** Every .cpuprofile in a folder (one per thread, from node --cpu-prof). */
export function summariseDir(dir: string, root: string, top = 25): ProfileSummary {
  const profiles = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()
    .map((f) => ({ name: f, profile: JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile }));
  return summarise(profiles, root, defaultUrlToFile(root), top);
}

export function formatProfile(s: ProfileSummary, indent = ''): string {
  const lines: string[] = [];
  const pct = (r: ProfileRow) => `${(100 * r.share).toFixed(1).padStart(5)}%  ${(r.ms / 1000).toFixed(2).padStart(6)} s`;
  lines.push(`threads: ${s.threads.length}; busy (non-idle) CPU time summed over threads: ${(s.busyMs / 1000).toFixed(2)} s`);
  for (const t of s.threads) lines.push(`  ${t.name}: wall ${(t.wallMs / 1000).toFixed(2)} s, busy ${(t.busyMs / 1000).toFixed(2)} s`);
  lines.push('self time by source area (share of busy time):');
  for (const r of s.selfByArea) lines.push(`  ${pct(r)}  ${r.name}`);
  lines.push('self time by function:');
  for (const r of s.selfByFunction) lines.push(`  ${pct(r)}  ${r.name}  ${r.where}`);
  lines.push('inclusive time by function (the phases; nested, so shares overlap):');
  for (const r of s.totalByFunction) lines.push(`  ${pct(r)}  ${r.name}  ${r.where}`);
  return lines.map((l) => indent + l).join('\n');
}

export interface WindowAttribution {
  startS: number;
  durationMs: number;
  /** Functions with the most self time in the window. */
  self: { name: string; where: string; ms: number }[];
  /**
   * Who asked for the work: the innermost frame of the app's own code (src/…) on each sampled
   * stack, or else the outermost JavaScript frame (the task's entry: a timer, rAF or message handler).
   */
  app: { name: string; where: string; ms: number }[];
}

/**
 * What ran on a thread during given windows (ms after the profile started), e.g. the long tasks
 * the Long Tasks API reported: top self-time functions and the innermost src/ frame per window.
 */
export function attributeWindows(p: CpuProfile, windows: { startMs: number; durationMs: number }[], root: string, urlToFile: UrlToFile, top = 3): WindowAttribution[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n] as const));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const loc = new Map<number, { name: string; where: string; file: string }>();
  const locOf = (id: number) => {
    let l = loc.get(id);
    if (!l) loc.set(id, (l = locate(byId.get(id)!.callFrame, root, urlToFile)));
    return l;
  };
  const times: number[] = [];
  let t = 0;
  for (const d of p.timeDeltas) times.push((t += d) / 1000);
  return windows.map((w) => {
    const self = new Map<string, { name: string; where: string; ms: number }>();
    const app = new Map<string, { name: string; where: string; ms: number }>();
    p.samples.forEach((id, i) => {
      if (times[i] < w.startMs || times[i] > w.startMs + w.durationMs) return;
      const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
      const l = locOf(id);
      if (l.name === '(idle)') return;
      const k = `${l.name}@${l.where}`;
      const e = self.get(k) ?? { name: l.name, where: l.where, ms: 0 };
      e.ms += ms;
      self.set(k, e);
      let owner: { name: string; where: string; file: string } | null = null;
      let outermost: { name: string; where: string; file: string } | null = null;
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = locOf(at);
        if (f.file.startsWith('src/')) {
          owner = f;
          break;
        }
        if (f.file) outermost = f;
      }
      owner ??= outermost ? { ...outermost, name: `entry ${outermost.name}` } : { name: '(native only)', where: '', file: '' };
      const ak = `${owner.name}@${owner.where}`;
      const a = app.get(ak) ?? { name: owner.name, where: owner.where, ms: 0 };
      a.ms += ms;
      app.set(ak, a);
    });
    const best = (m: Map<string, { name: string; where: string; ms: number }>) => [...m.values()].sort((a, b) => b.ms - a.ms).slice(0, top);
    return { startS: w.startMs / 1000, durationMs: w.durationMs, self: best(self), app: best(app) };
  });
}
