// `npm run bench`: Veil's speed-and-scale benchmark (issue 6). Generates its own deterministic
// corpus in a temporary folder, then measures, side by side in one run, on the same files:
//   cp -r (child process) · a plain copy in Node (fs.promises.cp, recursive) · GDCM gdcmanon -e
//   (when installed: the peer issue 14 measures against, peers.ts) · the I/O floor (io-floor.mjs:
//   the reads, digests, writes and renames the CLI must do, without DICOM work; and again with every
//   input and output parsed by core's reader, the re-read check's minimum) · the veil CLI
//   (header-only; and template redaction of JPEG ultrasound when the CLI has --redact) ·
//   dcmjs's naive read → cleanTags → write pipeline
// for a CT series, one large multi-frame file and JPEG ultrasound images, and (with --browser)
// the app in headless Chromium: first image after dropping the series, long tasks while
// loading, export to a ZIP, and the export's plumbing alone (app-floor.ts). Prints a table and
// writes bench-results.json into the temp folder.
//
// Caches cannot be dropped here: every command runs once as a warm-up first (inputs are then
// in the page cache for every tool alike), and outputs are flushed (sync) between runs, untimed.
//
// Options:
//   --scale X         corpus size factor (default 1: 1,000 CT slices, 200 US files, 512 MiB file)
//   --big-mb N        size of the multi-frame file in MiB (default 512 × scale; 2048 for the 2 GB case)
//   --runs N          measured runs per tool (default 3; the median is reported)
//   --budget S        stop measuring a tool after S seconds of measured runs (at least 1 run; default 45)
//   --only LIST       workloads to run, comma-separated: ct,big,us,app (default), and big2: a second
//                     multi-frame file of --big2-mb MiB (default 2048) with cp -r and veil only (dcmjs
//                     cannot read a file over 2 GiB), to show memory staying flat in file size
//   --big2-mb N       size of the big2 file in MiB (default 2048)
//   --browser / --no-browser   the app part (default: on when /usr/bin/chromium exists)
//   --profile         also run the CLI once on the CT series and once on the multi-frame file under
//                     `node --cpu-prof`, profile the app's main thread (loading, export; the app is then
//                     built with source maps into the temp dir), and summarise them
//   --timeout S       per-command timeout for cp and veil (default 900)
//   --dcmjs-timeout S per-command timeout for the dcmjs pipeline (default 120)
//   --dir DIR         work folder (default: a new folder on tmpfs, /dev/shm, when it has room for the
//                     corpus and two outputs — issue 14 measured with outputs on tmpfs — else in the
//                     system temp dir; the table says which)
//   --keep            keep the corpus and outputs (default: only bench-results.json and profiles stay)
//   --only ocr        the burned-in text benchmark instead (scripts/ocr-bench/run.ts; its own options)
//   --cli MODE        how the veil CLI runs: auto (bin/veil.mjs, as users run it: its dist-cli bundle
//                     when fresh, else tsx), tsx (VEIL_NO_BUNDLE=1), or bundle (a private esbuild
//                     bundle of the current sources in the work dir, like scripts/build-cli.mjs)

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gdcmanonPeer } from './peers.ts';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchApp, type AppProfiles, type AppResult } from './app.ts';
import { benchAppFloor, type AppFloorResult } from './app-floor.ts';
import { writeCorpus } from './corpus.ts';
import { measure, median, type Measurement } from './measure.ts';
import { attributeWindows, formatProfile, summarise, summariseDir, type ProfileSummary, type WindowAttribution } from './profile.ts';

// `--only ocr` is the burned-in text benchmark (scripts/ocr-bench/run.ts), with options of its own.
const onlyAt = process.argv.indexOf('--only');
if (onlyAt > 0 && process.argv[onlyAt + 1] === 'ocr') {
  const { runOcrBench } = await import('../ocr-bench/run.ts');
  await runOcrBench(process.argv.slice(2));
  process.exit(0);
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The veil command run by the bench: bin/veil.mjs, or a private bundle with --cli bundle. */
let VEIL = join(ROOT, 'bin/veil.mjs');
const DCMJS_NAIVE = join(ROOT, 'scripts/bench/dcmjs-naive.ts');
const IO_FLOOR = join(ROOT, 'scripts/bench/io-floor.mjs');
const CHROMIUM = process.env.VEIL_CHROMIUM ?? '/usr/bin/chromium';

const { values: opt } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    'big-mb': { type: 'string' },
    runs: { type: 'string', default: '3' },
    budget: { type: 'string', default: '45' },
    only: { type: 'string', default: 'ct,big,us,app' },
    'big2-mb': { type: 'string', default: '2048' },
    browser: { type: 'boolean' },
    'no-browser': { type: 'boolean' },
    profile: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '900' },
    'dcmjs-timeout': { type: 'string', default: '120' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    cli: { type: 'string', default: 'auto' },
  },
  strict: true,
});

const cliMode = opt.cli as 'auto' | 'tsx' | 'bundle';
if (!['auto', 'tsx', 'bundle'].includes(cliMode)) throw new Error('bench: --cli must be auto, tsx or bundle');
if (cliMode === 'tsx') process.env.VEIL_NO_BUNDLE = '1'; // inherited by every child
const scale = Number(opt.scale);
const runs = Math.max(1, Math.floor(Number(opt.runs)));
const budgetS = Number(opt.budget);
const only = new Set(opt.only!.split(',').map((s) => s.trim()));
const browserOn = only.has('app') && (opt['no-browser'] ? false : opt.browser ?? existsSync(CHROMIUM));
const ctFiles = Math.max(4, Math.round(1000 * scale));
const usFiles = Math.max(2, Math.round(200 * scale));
const bigMiB = opt['big-mb'] !== undefined ? Number(opt['big-mb']) : Math.max(16, Math.round(512 * scale));
const timeoutS = Number(opt.timeout);
const dcmjsTimeoutS = Number(opt['dcmjs-timeout']);
if (!(scale > 0) || !(bigMiB > 0) || !(budgetS > 0)) throw new Error('bench: --scale, --big-mb and --budget must be positive numbers');

/** /dev/shm when it is there with room for the corpus (CT, the multi-frame file, US) three times over: it and two tools' outputs. */
function defaultParent(): string {
  try {
    const fsStat = statfsSync('/dev/shm');
    const needed = 3 * (ctFiles * 0.6e6 + (only.has('big') ? bigMiB * 2 ** 20 : 0) + (only.has('big2') ? Number(opt['big2-mb']) * 2 ** 20 : 0) + usFiles * 0.1e6);
    if (fsStat.bavail * fsStat.bsize > needed) return '/dev/shm';
  } catch {
    /* no /dev/shm (not Linux): the system temp dir */
  }
  return tmpdir();
}
const work = opt.dir ?? mkdtempSync(join(defaultParent(), 'veil-bench-'));
/** The file system the work folder is on, for the table ("tmpfs", "ext4", …), from /proc/mounts. */
function fileSystemOf(dir: string): string {
  try {
    let best = { at: '', type: 'unknown' };
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [, at, type] = line.split(' ');
      if (at && type && (dir === at || dir.startsWith(at.endsWith('/') ? at : `${at}/`)) && at.length >= best.at.length) best = { at, type };
    }
    return best.type;
  } catch {
    return 'unknown';
  }
}
mkdirSync(work, { recursive: true });
const log = (s: string) => process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------
// Machine

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let chromium: string | null = null;
  try {
    chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* no chromium */
  }
  return {
    cores: cpus().length,
    cpu: model,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    chromium,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

// ---------------------------------------------------------------------------------------------
// Tools and workloads

interface Tool {
  id: string;
  label: string;
  cmd: (src: string, out: string) => [string, string[]];
  timeoutS: number;
  /** Counts the .dcm outputs (veil, dcmjs) to check nothing was silently dropped. */
  countOutputs?: boolean;
}

interface Workload {
  id: 'ct' | 'big' | 'big2' | 'us';
  label: string;
  src: string;
  files: number;
  bytes: number;
  tools: Tool[];
}

interface ToolResult {
  workload: string;
  tool: string;
  label: string;
  status: 'ok' | 'failed' | 'not available yet' | 'skipped';
  error?: string;
  runs: { wallS: number; peakRssMiB: number | null; cpuS: number | null; cpuPressure: number | null; ok: boolean; error?: string; outputs?: number; outputBytes?: number; cli?: 'bundle' | 'tsx' }[];
  warmup?: { wallS: number; peakRssMiB: number | null; cpuS: number | null; ok: boolean; error?: string; cli?: 'bundle' | 'tsx' };
  files: number;
  bytes: number;
  medianWallS?: number;
  medianCpuS?: number;
  medianCpuPressure?: number;
  peakRssMiB?: number;
  filesPerS?: number;
  mbPerS?: number;
  ratioToCp?: number;
  /** Wall time as a multiple of gdcmanon's on the same files in the same run (issue 14's yardstick). */
  ratioToPeer?: number;
  target?: string;
  pass?: boolean;
  note?: string;
}

const key = join(work, 'project.key');
const cpTool: Tool = { id: 'cp', label: 'cp -r', cmd: (s, o) => ['cp', ['-r', s, o]], timeoutS };
const nodeCpTool: Tool = {
  id: 'node-cp',
  label: 'Node fs.cp',
  cmd: (s, o) => [process.execPath, ['-e', "require('node:fs').promises.cp(process.argv[1], process.argv[2], { recursive: true }).catch((e) => { console.error(e); process.exit(1); })", s, o]],
  timeoutS,
};
const veilTool: Tool = { id: 'veil', label: 'veil (header-only)', cmd: (s, o) => [process.execPath, [VEIL, 'anonymize', s, '--out', o, '--key', key]], timeoutS, countOutputs: true };
/** The mandated I/O and digests alone (io-floor.mjs): how near gdcmanon any implementation keeping them can come. */
const floorTool: Tool = { id: 'floor', label: 'I/O floor (2×SHA-256)', cmd: (s, o) => [process.execPath, [IO_FLOOR, s, o]], timeoutS, countOutputs: true };
/** The floor plus parsing every input and every output with core's reader (io-floor.mjs --reread): reading and the re-read check, no de-identification, gate or audit. */
const rereadFloorTool = (reader: string): Tool => ({
  id: 'floor-reread', label: 'floor + 2 parses', cmd: (s, o) => [process.execPath, [IO_FLOOR, s, o, '--reread', reader]], timeoutS, countOutputs: true,
});
const dcmjsTool: Tool = { id: 'dcmjs', label: 'dcmjs naive', cmd: (s, o) => [process.execPath, ['--import', 'tsx', DCMJS_NAIVE, s, o]], timeoutS: dcmjsTimeoutS, countOutputs: true };

/** Which CLI `bin/veil.mjs` will run: its esbuild bundle when fresh, else the sources through tsx (same rule as bin/veil.mjs). */
function veilMode(): 'bundle' | 'tsx' {
  if (cliMode === 'bundle') return 'bundle';
  if (process.env.VEIL_NO_BUNDLE) return 'tsx';
  const newest = (dir: string): number => {
    let t = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }
    return t;
  };
  try {
    const built = statSync(join(ROOT, 'dist-cli', 'BUILT')).mtimeMs;
    return built >= newest(join(ROOT, 'src')) && built >= statSync(join(ROOT, 'package-lock.json')).mtimeMs ? 'bundle' : 'tsx';
  } catch {
    return 'tsx';
  }
}

/** core's reader bundled with esbuild into the work dir, for io-floor.mjs --reread (null, and said, if esbuild fails). */
async function rereadBundle(): Promise<string | null> {
  const outfile = join(work, 'reread', 'reader.mjs');
  try {
    const { build } = await import('esbuild');
    await build({ entryPoints: [join(ROOT, 'scripts/bench/reread-entry.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
    return outfile;
  } catch (err) {
    log(`floor + 2 parses: not measured (esbuild could not bundle core's reader: ${(err as Error).message})`);
    return null;
  }
}

/** --cli bundle: the CLI bundled with esbuild into the work dir (the options of scripts/build-cli.mjs). */
async function privateBundle(): Promise<string> {
  const out = join(work, 'cli-bundle', 'dist-cli');
  const { build } = await import('esbuild');
  const { cliBundleOptions } = await import('../cli-bundle-options.mjs');
  const t0 = performance.now();
  await build(cliBundleOptions(ROOT, out));
  const entry = join(out, 'veil.mjs');
  writeFileSync(entry, "const { runAsProcess } = await import('./main.mjs');\nawait runAsProcess();\n");
  log(`cli: bundled the current sources into ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return entry;
}

function redactAvailable(): boolean {
  try {
    const help = execFileSync(process.execPath, [VEIL, 'anonymize', '--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return help.includes('--redact');
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`.includes('--redact');
  }
}

function countDcm(dir: string): { files: number; bytes: number } {
  const r = { files: 0, bytes: 0 };
  if (!existsSync(dir)) return r;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.dcm')) continue;
    r.files++;
    r.bytes += statSync(join(e.parentPath, e.name)).size;
  }
  return r;
}

const outRoot = join(work, 'out');
let outSeq = 0;

async function runOnce(w: Workload, t: Tool): Promise<Measurement & { outputs?: number; outputBytes?: number; cli?: 'bundle' | 'tsx' }> {
  const out = join(outRoot, `${w.id}-${t.id}-${outSeq++}`);
  mkdirSync(outRoot, { recursive: true });
  const [cmd, args] = t.cmd(w.src, out);
  const cli = t.id.startsWith('veil') ? veilMode() : undefined;
  const m = await measure(cmd, args, { cwd: ROOT, timeoutS: t.timeoutS });
  const counted = t.countOutputs ? countDcm(out) : undefined;
  const outputs = counted?.files;
  const outputBytes = counted?.bytes;
  rmSync(out, { recursive: true, force: true });
  rmSync(`${out}.private`, { recursive: true, force: true }); // veil's private folder (mapping files, report, audit log)
  execFileSync('sync'); // flush this run's writes before the next one starts (untimed)
  if (m.ok && outputs !== undefined && outputs < w.files) return { ...m, ok: false, error: `only ${outputs} of ${w.files} outputs written${lastLine(m.stderr + m.stdout)}`, outputs, outputBytes, cli };
  return { ...m, outputs, outputBytes, cli };
}

const lastLine = (s: string) => {
  const l = s.trim().split('\n').filter(Boolean).at(-1);
  return l ? ` (${l.slice(0, 160)})` : '';
};

async function runWorkload(w: Workload): Promise<ToolResult[]> {
  log(`\n== ${w.label}: ${w.files} file${w.files === 1 ? '' : 's'}, ${(w.bytes / 1e6).toFixed(1)} MB`);
  const results: ToolResult[] = w.tools.map((t) => ({ workload: w.id, tool: t.id, label: t.label, status: 'ok', runs: [], files: w.files, bytes: w.bytes }));
  // Warm-up: every tool once (inputs into the page cache, tsx's transform cache filled).
  for (const [i, t] of w.tools.entries()) {
    const m = await runOnce(w, t);
    results[i].warmup = { wallS: m.wallS, peakRssMiB: m.peakRssMiB, cpuS: m.cpuS, ok: m.ok, error: m.error, cli: m.cli };
    log(`  warm-up  ${t.label.padEnd(22)} ${m.ok ? `${m.wallS.toFixed(2)} s` : `failed: ${m.error}`}${m.cli ? ` [${m.cli}]` : ''}`);
    if (!m.ok) {
      // The CLI has --redact but refuses JPEG: its encapsulated redaction path is not there yet.
      const missing = t.id === 'veil-redact' && /must be decoded before redaction|not supported/i.test(m.error ?? '');
      results[i].status = missing ? 'not available yet' : 'failed';
      results[i].error = m.error;
    }
  }
  // Measured rounds, tools interleaved so that drifts hit all of them alike.
  const spent = new Map<string, number>();
  for (let r = 0; r < runs; r++) {
    for (const [i, t] of w.tools.entries()) {
      if (results[i].status !== 'ok') continue;
      if (r > 0 && (spent.get(t.id) ?? 0) > budgetS) continue;
      const m = await runOnce(w, t);
      spent.set(t.id, (spent.get(t.id) ?? 0) + m.wallS);
      results[i].runs.push({ wallS: m.wallS, peakRssMiB: m.peakRssMiB, cpuS: m.cpuS, cpuPressure: m.cpuPressure, ok: m.ok, error: m.error, outputs: m.outputs, outputBytes: m.outputBytes, cli: m.cli });
      log(`  run ${r + 1}    ${t.label.padEnd(22)} ${m.ok ? `${m.wallS.toFixed(2)} s, CPU ${m.cpuS?.toFixed(2) ?? '?'} s, ${m.peakRssMiB?.toFixed(0) ?? '?'} MiB, CPU pressure ${m.cpuPressure === null ? '?' : `${(100 * m.cpuPressure).toFixed(0)}%`}` : `failed: ${m.error}`}${m.cli ? ` [${m.cli}]` : ''}`);
      if (!m.ok) {
        results[i].status = 'failed';
        results[i].error = m.error;
      }
    }
  }
  const cp = results.find((x) => x.tool === 'cp');
  for (const res of results) {
    if (res.status !== 'ok' || res.runs.length === 0) continue;
    res.medianWallS = median(res.runs.map((x) => x.wallS));
    const cpu = res.runs.map((x) => x.cpuS).filter((x): x is number => x !== null);
    if (cpu.length) res.medianCpuS = median(cpu);
    const pressure = res.runs.map((x) => x.cpuPressure).filter((x): x is number => x !== null);
    if (pressure.length) res.medianCpuPressure = median(pressure);
    const modes = new Set(res.runs.map((x) => x.cli).filter(Boolean));
    if (modes.size > 1) res.note = `the CLI ran partly as its bundle, partly through tsx (dist-cli/ went stale during the run): ${res.runs.map((x) => x.cli).join(', ')}`;
    const rss = res.runs.map((x) => x.peakRssMiB).filter((x): x is number => x !== null);
    if (rss.length) res.peakRssMiB = Math.max(...rss);
    res.filesPerS = w.files / res.medianWallS;
    res.mbPerS = w.bytes / 1e6 / res.medianWallS;
    if (cp?.medianWallS) res.ratioToCp = res.medianWallS / cp.medianWallS;
    const peer = results.find((x) => x.tool === 'gdcmanon');
    if (peer?.medianWallS && peer.status === 'ok') res.ratioToPeer = res.medianWallS / peer.medianWallS;
    if (res.runs.length < runs) res.note = `${res.note ? `${res.note}; ` : ''}${res.runs.length} of ${runs} runs (over the ${budgetS} s budget)`;
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Targets

interface Check {
  what: string;
  target: string;
  measured: string;
  pass: boolean | null;
}

/** node:crypto SHA-256 throughput of one core, measured in this process (256 MiB, 4 MiB slices). */
function measureHashRate(): { mbPerS: number; cores: number } {
  const slice = new Uint8Array(4 * 2 ** 20).fill(0x5a);
  const t0 = performance.now();
  const h = createHash('sha256');
  for (let i = 0; i < 64; i++) h.update(slice);
  h.digest();
  return { mbPerS: (64 * slice.length) / 1e6 / ((performance.now() - t0) / 1000), cores: cpus().length };
}
let hashRate = { mbPerS: 1, cores: 1 };

/** Issue 14's limits for the CLI, as multiples of gdcmanon's wall time on the same files. */
const PEER_LIMIT = { ct: 1.5, us: 2.0 } as const;

function judge(results: ToolResult[], app: AppResult | null, appFloor: AppFloorResult | null = null): Check[] {
  const checks: Check[] = [];
  const get = (w: string, t: string) => results.find((r) => r.workload === w && r.tool === t);
  // Issue 14: each veil time as a multiple of gdcmanon -e's on the same files (cp -r printed beside).
  const vsPeer = (r: ToolResult, what: string, limit: number) => {
    const cpText = r.ratioToCp !== undefined ? `, ${r.ratioToCp.toFixed(1)}× cp -r` : '';
    const pass = r.ratioToPeer !== undefined ? r.ratioToPeer <= limit : r.status === 'ok' ? null : false;
    r.target = `wall ≤ ${limit.toFixed(1)}× gdcmanon`;
    if (pass !== null) r.pass = pass;
    const measured = r.status !== 'ok' ? `failed: ${r.error}` : r.ratioToPeer !== undefined ? `${r.ratioToPeer.toFixed(2)}× gdcmanon${cpText}` : `no gdcmanon in this run${cpText}`;
    checks.push({ what, target: r.target, measured, pass });
  };
  const ct = get('ct', 'veil');
  if (ct) vsPeer(ct, `CLI, ${ct.files} CT slices, header-only`, PEER_LIMIT.ct);
  const big = get('big', 'veil');
  if (big) {
    const mem = big.peakRssMiB !== undefined && big.peakRssMiB <= 128;
    vsPeer(big, `CLI, one ${(big.bytes / 2 ** 20).toFixed(0)} MiB multi-frame file: speed`, 1.0);
    big.target += ', RSS ≤ 128 MiB';
    big.pass = (big.pass ?? true) && mem;
    checks.push({ what: `CLI, one ${(big.bytes / 2 ** 20).toFixed(0)} MiB multi-frame file: memory`, target: 'peak RSS ≤ 128 MiB', measured: big.peakRssMiB !== undefined ? `${big.peakRssMiB.toFixed(0)} MiB` : `failed: ${big.error}`, pass: mem });
  }
  const big2 = get('big2', 'veil');
  if (big2) {
    const speed = big2.ratioToCp !== undefined && big2.ratioToCp <= 3.0;
    const mem = big2.peakRssMiB !== undefined && big2.peakRssMiB <= 128;
    big2.target = 'wall ≤ 3.0× cp -r, RSS ≤ 128 MiB';
    big2.pass = speed && mem;
    checks.push({ what: `CLI, one ${(big2.bytes / 2 ** 20).toFixed(0)} MiB multi-frame file: speed`, target: 'wall ≤ 3.0× cp -r', measured: big2.ratioToCp !== undefined ? `${big2.ratioToCp.toFixed(1)}× cp -r` : `failed: ${big2.error}`, pass: speed });
    checks.push({ what: `CLI, one ${(big2.bytes / 2 ** 20).toFixed(0)} MiB multi-frame file: memory`, target: 'peak RSS ≤ 128 MiB', measured: big2.peakRssMiB !== undefined ? `${big2.peakRssMiB.toFixed(0)} MiB` : `failed: ${big2.error}`, pass: mem });
  }
  // What the audit log's SHA-256 of every input and output costs by itself on this machine, as a
  // share of the time budget: the floor no implementation that keeps the tamper evidence can go under.
  for (const r of [ct, big, big2]) {
    if (!r || r.medianWallS === undefined) continue;
    const cp = get(r.workload, 'cp');
    const hashCpuS = (2 * r.bytes) / 1e6 / hashRate.mbPerS;
    const floorWallS = hashCpuS / hashRate.cores;
    checks.push({
      what: `floor on ${r.workload}: SHA-256 of ${((2 * r.bytes) / 1e9).toFixed(2)} GB (every input and output, audit log) at ${hashRate.mbPerS.toFixed(0)} MB/s per core`,
      target: 'information',
      measured: `${hashCpuS.toFixed(2)} s CPU = ${floorWallS.toFixed(2)} s wall on ${hashRate.cores} cores${cp?.medianWallS ? ` = ${(floorWallS / cp.medianWallS).toFixed(1)}× cp -r` : ''}; veil ${r.medianWallS.toFixed(2)} s, ${r.medianCpuS?.toFixed(2) ?? '?'} s CPU`,
      pass: null,
    });
  }
  // The same floor measured: the mandated reads, digests, writes and renames with no DICOM work,
  // as a multiple of gdcmanon. A target under it cannot be met on this machine by any code that
  // keeps every input and output digest.
  for (const w of ['ct', 'us'] as const) {
    const f = get(w, 'floor');
    const v = get(w, 'veil');
    if (!f || f.status !== 'ok' || f.medianWallS === undefined) continue;
    checks.push({
      what: `measured floor on ${w}: read, SHA-256, write, SHA-256, rename of every file, one lane a core, no DICOM work (scripts/bench/io-floor.mjs)`,
      target: 'information',
      measured: `${f.medianWallS.toFixed(2)} s${f.ratioToPeer !== undefined ? ` = ${f.ratioToPeer.toFixed(2)}× gdcmanon` : ''}${v?.medianWallS ? `; veil ${(v.medianWallS / f.medianWallS).toFixed(2)}× the floor` : ''}`,
      pass: null,
    });
    // With reading and the re-read check too: what is left of the target's budget for everything
    // else veil does (de-identification, leak gate, audit chain, start-up of its code).
    const r = get(w, 'floor-reread');
    const limit = PEER_LIMIT[w];
    if (!r || r.status !== 'ok' || r.medianWallS === undefined) continue;
    const peerS = r.ratioToPeer !== undefined ? r.medianWallS / r.ratioToPeer : undefined;
    const room = peerS !== undefined ? limit * peerS - r.medianWallS : undefined;
    checks.push({
      what: `measured floor on ${w} with each input and output parsed by core's reader (io-floor.mjs --reread)`,
      target: 'information',
      measured: `${r.medianWallS.toFixed(2)} s${r.ratioToPeer !== undefined ? ` = ${r.ratioToPeer.toFixed(2)}× gdcmanon` : ''}${room !== undefined ? `; the ${limit.toFixed(1)}× target leaves ${room >= 0 ? `${(room * 1000).toFixed(0)} ms` : `nothing (${(-room * 1000).toFixed(0)} ms over)`} for de-identification, leak gate and audit` : ''}`,
      pass: null,
    });
  }
  const usHeader = get('us', 'veil');
  if (usHeader) vsPeer(usHeader, `CLI, ${usHeader.files} JPEG ultrasound files, header-only`, PEER_LIMIT.us);
  const usRedact = get('us', 'veil-redact');
  if (usRedact) {
    if (usRedact.status === 'not available yet') {
      checks.push({ what: 'CLI, JPEG ultrasound redaction', target: 'report files/s and ratio to header-only', measured: `not available yet (${usRedact.error ? `--redact refuses JPEG: ${usRedact.error}` : 'no --redact'})`, pass: null });
    }
    else if (usRedact.filesPerS !== undefined && usHeader?.filesPerS !== undefined) {
      usRedact.target = 'report (no threshold)';
      checks.push({ what: `CLI, ${usRedact.files} JPEG US files, template redaction`, target: 'report files/s and ratio to header-only', measured: `${usRedact.filesPerS.toFixed(1)} files/s, ${(usRedact.medianWallS! / usHeader.medianWallS!).toFixed(2)}× header-only wall`, pass: null });
    } else checks.push({ what: 'CLI, JPEG ultrasound redaction', target: 'report files/s and ratio to header-only', measured: `failed: ${usRedact.error ?? usHeader?.error}`, pass: null });
  }
  if (app) {
    if (!app.ok) checks.push({ what: 'App in Chromium', target: 'runs', measured: `failed: ${app.error}`, pass: false });
    const cli = ct?.medianWallS;
    if (app.exportS !== undefined) {
      checks.push({
        what: `App, export of ${app.files} CT slices to a ZIP`,
        target: '≤ 1.5× CLI wall',
        measured: cli ? `${app.exportS.toFixed(1)} s = ${(app.exportS / cli).toFixed(1)}× CLI (${cli.toFixed(1)} s)` : `${app.exportS.toFixed(1)} s (no CLI time)`,
        pass: cli ? app.exportS <= 1.5 * cli : null,
      });
    }
    // The export's plumbing alone in the same browser (app-floor.ts): a target under it cannot be met by any DICOM code.
    if (appFloor && !appFloor.error && cli) {
      checks.push({
        what: `App floor: the export's plumbing for ${app.files} CT slices with no DICOM work (Blob reads, WebCrypto SHA-256 ×2, output buffer, CRC-32, transfer, stored ZIP, download; scripts/bench/app-floor)`,
        target: 'information',
        measured: `${appFloor.plainS!.toFixed(2)} s = ${(appFloor.plainS! / cli).toFixed(2)}× CLI; with every input and output parsed by core's reader ${appFloor.parsedS!.toFixed(2)} s = ${(appFloor.parsedS! / cli).toFixed(2)}× CLI${app.exportS !== undefined ? `; the export ${(app.exportS / appFloor.parsedS!).toFixed(2)}× that` : ''}`,
        pass: null,
      });
    } else if (appFloor?.error) checks.push({ what: 'App floor', target: 'information', measured: `failed: ${appFloor.error}`, pass: null });
    if (app.firstImageS !== undefined) checks.push({ what: `App, first image after dropping ${app.files} files`, target: '≤ 1 s', measured: `${app.firstImageS.toFixed(2)} s`, pass: app.firstImageS <= 1 });
    if (app.loadingLongTasks) {
      checks.push({
        what: 'App, main-thread long tasks while loading',
        target: 'none > 100 ms',
        measured: `${app.loadingLongTasks.count} long tasks, longest ${app.loadingLongTasks.longestMs.toFixed(0)} ms`,
        pass: app.loadingLongTasks.longestMs <= 100,
      });
    }
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// Output

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const right = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const fmt = (r: string[]) => r.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [fmt(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)].join('\n');
}

function resultRows(results: ToolResult[], app: AppResult | null): string[][] {
  const rows: string[][] = [['workload', 'tool', 'files/s', 'MB/s', 'wall s (med)', 'CPU s (med)', 'CPU wait', 'runs', 'peak RSS MiB', '× cp -r', '× gdcmanon', 'target', 'result']];
  const wl: Record<string, string> = { ct: 'CT series', big: 'multi-frame', big2: 'multi-frame', us: 'US JPEG' };
  for (const r of results) {
    const name = `${wl[r.workload]} (${r.workload.startsWith('big') ? `${(r.bytes / 2 ** 20).toFixed(0)} MiB` : `${r.files}`})`;
    if (r.status !== 'ok') {
      rows.push([name, r.label, '', '', '', '', '', '', '', '', '', r.target ?? '', r.status === 'failed' ? `failed: ${r.error ?? ''}`.slice(0, 90) : r.status === 'not available yet' && r.error ? 'not available yet (refuses JPEG)' : r.status]);
      continue;
    }
    rows.push([
      name,
      r.label,
      r.filesPerS!.toFixed(r.filesPerS! < 10 ? 2 : 0),
      r.mbPerS!.toFixed(0),
      r.medianWallS!.toFixed(2),
      r.medianCpuS !== undefined ? r.medianCpuS.toFixed(2) : '?',
      r.medianCpuPressure !== undefined ? `${(100 * r.medianCpuPressure).toFixed(0)}%` : '?',
      String(r.runs.length),
      r.peakRssMiB !== undefined ? r.peakRssMiB.toFixed(0) : '?',
      r.ratioToCp !== undefined ? r.ratioToCp.toFixed(1) : '',
      r.ratioToPeer !== undefined ? r.ratioToPeer.toFixed(2) : '',
      r.target ?? '',
      r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL',
    ]);
  }
  if (app) {
    const cli = results.find((r) => r.workload === 'ct' && r.tool === 'veil');
    const cp = results.find((r) => r.workload === 'ct' && r.tool === 'cp');
    const name = `CT series (${app.files})`;
    if (app.exportS !== undefined) {
      const mb = (cli?.bytes ?? 0) / 1e6;
      rows.push([name, 'app export ZIP', (app.files / app.exportS).toFixed(0), mb ? (mb / app.exportS).toFixed(0) : '', app.exportS.toFixed(2), '', '', '1', '', cp?.medianWallS ? (app.exportS / cp.medianWallS).toFixed(1) : '', '',
        '≤ 1.5× CLI wall', cli?.medianWallS ? (app.exportS <= 1.5 * cli.medianWallS ? 'PASS' : 'FAIL') : '']);
    }
    if (app.firstImageS !== undefined) rows.push([name, 'app first image', '', '', app.firstImageS.toFixed(2), '', '', '1', '', '', '', '≤ 1 s', app.firstImageS <= 1 ? 'PASS' : 'FAIL']);
    if (app.loadingLongTasks) {
      rows.push([name, 'app load (all read)', app.loadedS ? (app.files / app.loadedS).toFixed(0) : '', '', app.loadedS?.toFixed(2) ?? '', '', '', '1', '', '', '',
        'no long task > 100 ms', `${app.loadingLongTasks.longestMs <= 100 ? 'PASS' : 'FAIL'} (${app.loadingLongTasks.count}, longest ${app.loadingLongTasks.longestMs.toFixed(0)} ms)`]);
    }
    if (!app.ok) rows.push([name, 'app', '', '', '', '', '', '', '', '', '', '', `failed: ${app.error ?? ''}`.slice(0, 90)]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// CPU profile of the CLI on the CT series

interface CliProfile {
  workload: string;
  dir: string;
  summary: ProfileSummary;
  wallS: number;
  cpuS: number | null;
  cli: 'bundle' | 'tsx';
}

async function profileCli(id: string, label: string, src: string): Promise<CliProfile | null> {
  const dir = join(work, `cpu-profile-${id}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = join(outRoot, 'profile-out');
  const cli = veilMode();
  log(`\n== CPU profile: veil on ${label} under node --cpu-prof (worker threads inherit the flag) [${cli}]`);
  const m = await measure(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, VEIL, 'anonymize', src, '--out', out, '--key', key], { cwd: ROOT, timeoutS });
  rmSync(out, { recursive: true, force: true });
  rmSync(`${out}.private`, { recursive: true, force: true });
  execFileSync('sync');
  if (!m.ok) {
    log(`  profile run failed: ${m.error}`);
    return null;
  }
  return { workload: label, dir, summary: summariseDir(dir, ROOT), wallS: m.wallS, cpuS: m.cpuS, cli };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = new Date();
  const mach = machine();
  log(`veil bench: work dir ${work}`);
  if (cliMode === 'bundle') {
    VEIL = await privateBundle();
    // The bundle require()s the codec packages at run time: resolve them from this checkout (inherited by every child).
    process.env.NODE_PATH = [join(ROOT, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(':');
  }
  log(`machine: ${mach.cores} cores, ${mach.cpu}, ${mach.memoryGiB} GiB, Node ${mach.node}${mach.chromium ? `, ${mach.chromium}` : ''}`);
  const parts = [only.has('ct') || browserOn ? `${ctFiles} CT slices` : '', only.has('us') ? `${usFiles} US JPEG files` : '', only.has('big') ? `one ${bigMiB} MiB multi-frame file` : ''].filter(Boolean);
  log(`corpus: scale ${scale}: ${parts.join(', ')}; ${runs} measured run(s) after one warm-up`);
  const corpus = await writeCorpus(join(work, 'corpus'), {
    ctFiles: only.has('ct') || browserOn ? ctFiles : 0,
    usFiles: only.has('us') ? usFiles : 0,
    bigMiB: only.has('big') ? bigMiB : 0,
  });
  log(`corpus written in ${corpus.seconds.toFixed(1)} s`);

  const redact = redactAvailable();
  const redactTool: Tool = {
    id: 'veil-redact',
    label: 'veil --redact',
    cmd: (s, o) => [process.execPath, [VEIL, 'anonymize', s, '--out', o, '--key', key, '--redact', corpus.template]],
    timeoutS,
    countOutputs: true,
  };
  const peer = gdcmanonPeer(work, timeoutS);
  if (typeof peer === 'string') log(`peer: ${peer}; ratios to gdcmanon are not measured`);
  const peers = typeof peer === 'string' ? [] : [peer];
  const workloads: Workload[] = [];
  const reader = only.has('ct') || only.has('us') ? await rereadBundle() : null;
  const floors = [floorTool, ...(reader ? [rereadFloorTool(reader)] : [])];
  if (only.has('ct')) workloads.push({ id: 'ct', label: 'CT series', src: corpus.ct.dir, files: corpus.ct.files.length, bytes: corpus.ct.bytes, tools: [cpTool, nodeCpTool, ...peers, ...floors, veilTool, dcmjsTool] });
  if (only.has('big')) workloads.push({ id: 'big', label: 'multi-frame file', src: corpus.big.dir, files: 1, bytes: corpus.big.bytes, tools: [cpTool, nodeCpTool, ...peers, veilTool, dcmjsTool] });
  let big2: Awaited<ReturnType<typeof writeCorpus>> | null = null;
  if (only.has('big2')) {
    big2 = await writeCorpus(join(work, 'corpus-big2'), { ctFiles: 0, usFiles: 0, bigMiB: Number(opt['big2-mb']) });
    log(`big2: one ${Number(opt['big2-mb'])} MiB file written in ${big2.seconds.toFixed(1)} s`);
    workloads.push({ id: 'big2', label: 'large multi-frame file', src: big2.big.dir, files: 1, bytes: big2.big.bytes, tools: [cpTool, veilTool] });
  }
  if (only.has('us')) workloads.push({ id: 'us', label: 'US JPEG', src: corpus.us.dir, files: corpus.us.files.length, bytes: corpus.us.bytes, tools: [cpTool, nodeCpTool, ...peers, ...floors, veilTool, ...(redact ? [redactTool] : []), dcmjsTool] });

  const results: ToolResult[] = [];
  for (const w of workloads) {
    results.push(...(await runWorkload(w)));
    if (w.id === 'us' && !redact) {
      results.push({ workload: 'us', tool: 'veil-redact', label: 'veil --redact', status: 'not available yet', runs: [], files: w.files, bytes: w.bytes, note: '`veil anonymize --help` does not mention --redact' });
      log('  veil --redact: not available yet (`veil anonymize --help` does not mention --redact)');
    }
  }

  let app: AppResult | null = null;
  let appFloor: AppFloorResult | null = null;
  const appProfiles: { phase: string; summary: ProfileSummary }[] = [];
  let longTaskCauses: WindowAttribution[] = [];
  if (browserOn) {
    log(`\n== app in headless Chromium: ${corpus.ct.files.length} CT slices through the file input`);
    const ran = await benchApp(ROOT, work, corpus.ct.files, log, timeoutS, opt.profile!);
    app = ran.result;
    const dist = app.dist;
    const urlToFile = (u: string) => (u.startsWith(ran.serverUrl) ? join(dist, u.slice(ran.serverUrl.length).replace(/[?#].*$/, '')) : null);
    for (const [phase, p] of Object.entries(ran.profiles) as [keyof AppProfiles, AppProfiles[keyof AppProfiles]][]) {
      if (p) appProfiles.push({ phase, summary: summarise([{ name: `main thread (${phase})`, profile: p }], ROOT, urlToFile) });
    }
    if (ran.profiles.loading && app.loadingLongTaskList) {
      const windows = app.loadingLongTaskList.filter(([, d]) => d > 100).map(([s, d]) => ({ startMs: s * 1000, durationMs: d }));
      longTaskCauses = attributeWindows(ran.profiles.loading, windows, ROOT, urlToFile);
    }
    if (!app.ok) log(`  app failed: ${app.error}`);
    else log(`  first image ${app.firstImageS!.toFixed(2)} s, all read ${app.loadedS!.toFixed(2)} s, export ${app.exportS!.toFixed(2)} s (${app.exportStatus})${app.reviewGate ? `; the review gate asked about ${app.reviewGate} unreviewed candidates: answered Export anyway` : ''}`);
    if (only.has('ct')) {
      appFloor = await benchAppFloor(ROOT, work, corpus.ct.files, timeoutS);
      log(appFloor.error ? `  app floor failed: ${appFloor.error}` : `  app floor (export plumbing, no DICOM work): ${appFloor.plainS!.toFixed(2)} s; with every input and output parsed: ${appFloor.parsedS!.toFixed(2)} s`);
    }
  } else if (only.has('app')) log('\n== app: skipped (no Chromium, or --no-browser)');

  const profiles: CliProfile[] = [];
  if (opt.profile) {
    if (only.has('ct')) profiles.push(...[await profileCli('ct', 'the CT series', corpus.ct.dir)].filter((x): x is CliProfile => x !== null));
    if (only.has('big')) profiles.push(...[await profileCli('big', 'the multi-frame file', corpus.big.dir)].filter((x): x is CliProfile => x !== null));
  }

  hashRate = measureHashRate();
  const checks = judge(results, app, appFloor);
  const rows = resultRows(results, app);
  const lines: string[] = [];
  lines.push('');
  lines.push(`Veil benchmark, ${started.toISOString()}`);
  lines.push(`machine: ${mach.cores} cores, ${mach.cpu}, ${mach.memoryGiB} GiB RAM, Node ${mach.node}, ${mach.platform}${mach.chromium ? `, ${mach.chromium}` : ''}`);
  const endLoad = loadavg().map((x) => x.toFixed(2)).join(' ');
  lines.push(`load average at start ${mach.loadAverage.map((x) => x.toFixed(2)).join(' ')}, at end ${endLoad}${Math.max(mach.loadAverage[0], loadavg()[0]) > 0.5 ? ' (other work was running on this machine: expect noise)' : ''}`);
  lines.push(`corpus: ${corpus.ct.files.length} CT slices of ${corpus.ct.files.length ? ((corpus.ct.bytes / corpus.ct.files.length) / 1e6).toFixed(2) : 0} MB; ` +
    `one ${(corpus.big.bytes / 2 ** 20).toFixed(0)} MiB file of ${corpus.big.frames} frames; ${corpus.us.files.length} JPEG US files of ${corpus.us.files.length ? ((corpus.us.bytes / corpus.us.files.length) / 1e3).toFixed(0) : 0} kB (in ${corpus.dir}, on ${fileSystemOf(corpus.dir)}, outputs beside it)`);
  lines.push(`method: one warm-up run of every command first (page cache cannot be dropped here: inputs are cached for every tool alike), then ${runs} measured run(s), tools interleaved, ` +
    `outputs deleted and synced between runs (untimed); wall = spawn → exit; peak RSS = ru_maxrss (/usr/bin/time %M); CPU s = user + system (all threads); CPU wait = share of the wall time in which some task on the machine waited for a CPU (/proc/pressure/cpu, includes the command's own threads); veil runs with its default --jobs (${mach.cores}: the main thread, and workers only where the batch repays them), as ${cliMode === 'bundle' ? 'a private esbuild bundle of the current sources (--cli bundle)' : cliMode === 'tsx' ? 'TypeScript through tsx (--cli tsx)' : veilMode() === 'bundle' ? 'bin/veil.mjs → its dist-cli bundle' : 'bin/veil.mjs → TypeScript through tsx (dist-cli/ older than src/)'} at the end of the run`);
  lines.push('');
  lines.push(table(rows));
  lines.push('');
  lines.push('targets:');
  for (const c of checks) lines.push(`  ${c.pass === null ? 'INFO' : c.pass ? 'PASS' : 'FAIL'}  ${c.what}: ${c.measured} (target ${c.target})`);
  if (app?.ok) {
    lines.push('');
    lines.push(`app details: first series listed ${app.firstSeriesS!.toFixed(2)} s, first image ${app.firstImageS!.toFixed(2)} s ` +
      `(long tasks before it: ${app.firstImageLongTasks!.count}, longest ${app.firstImageLongTasks!.longestMs.toFixed(0)} ms), all files read ${app.loadedS!.toFixed(2)} s ` +
      `(long tasks: ${app.loadingLongTasks!.count}, total ${app.loadingLongTasks!.totalMs.toFixed(0)} ms, longest ${app.loadingLongTasks!.longestMs.toFixed(0)} ms); ` +
      `export ${app.exportS!.toFixed(2)} s, ZIP ${(app.zipBytes! / 1e6).toFixed(1)} MB, long tasks during export ${app.exportLongTasks!.count} (longest ${app.exportLongTasks!.longestMs.toFixed(0)} ms); ` +
      `status "${app.exportStatus}"; dist ${app.built ? 'built for this run' : 'reused'} (${app.dist})`);
  }
  for (const r of results) if (r.note) lines.push(`note: ${r.label} on ${r.workload}: ${r.note}`);
  for (const r of results) {
    const out = r.runs.at(-1)?.outputBytes;
    if (out !== undefined && r.status === 'ok') lines.push(`output size: ${r.label} on ${r.workload}: ${(out / 1e6).toFixed(1)} MB of .dcm for ${(r.bytes / 1e6).toFixed(1)} MB in (${(out / r.bytes).toFixed(2)}×)`);
  }
  for (const p of profiles) {
    lines.push('');
    lines.push(`CPU profile of veil on ${p.workload} (one extra run [${p.cli}], ${p.wallS.toFixed(2)} s wall, ${p.cpuS?.toFixed(2) ?? '?'} s CPU under --cpu-prof; profiles in ${p.dir}).`);
    lines.push('Sampled time on each thread: a thread that is preempted (2 busy workers + the main thread on 2 cores) keeps accruing time to the frame it was in.');
    lines.push(formatProfile(p.summary, '  '));
  }
  if (longTaskCauses.length) {
    lines.push('');
    lines.push('long tasks over 100 ms while loading, and what ran in them (main-thread profile; time after setInputFiles):');
    for (const w of longTaskCauses) {
      const f = (xs: { name: string; where: string; ms: number }[]) => xs.map((x) => `${x.name} ${x.where} ${x.ms.toFixed(0)} ms`).join('; ');
      lines.push(`  at ${w.startS.toFixed(2)} s, ${w.durationMs} ms: from: ${f(w.app)}`);
      lines.push(`  ${' '.repeat(`at ${w.startS.toFixed(2)} s, ${w.durationMs} ms:`.length)} self: ${f(w.self)}`);
    }
  }
  for (const p of appProfiles) {
    lines.push('');
    lines.push(`CPU profile of the app's main thread, ${p.phase} (Chromium Profiler domain; profile in ${join(work, `app-${p.phase}.cpuprofile`)}):`);
    lines.push(formatProfile(p.summary, '  '));
  }
  const resultsPath = join(work, 'bench-results.json');
  writeFileSync(resultsPath, `${JSON.stringify({
    date: started.toISOString(),
    machine: mach,
    workFileSystem: fileSystemOf(work),
    options: { cli: cliMode, veil: VEIL, scale, runs, budgetS, bigMiB, only: [...only], browser: browserOn, timeoutS, dcmjsTimeoutS },
    corpus: { dir: corpus.dir, ct: { files: corpus.ct.files.length, bytes: corpus.ct.bytes }, big: { bytes: corpus.big.bytes, frames: corpus.big.frames }, us: { files: corpus.us.files.length, bytes: corpus.us.bytes }, seconds: corpus.seconds },
    redactAvailable: redact,
    results,
    app,
    appFloor,
    checks,
    profiles: profiles.map((p) => ({ workload: p.workload, wallS: p.wallS, cpuS: p.cpuS, cli: p.cli, dir: p.dir, ...p.summary })),
    appProfiles,
    longTaskCauses,
  }, null, 2)}\n`);
  lines.push('');
  lines.push(`results: ${resultsPath}`);
  process.stdout.write(`${lines.join('\n')}\n`);

  rmSync(outRoot, { recursive: true, force: true });
  if (!opt.keep) {
    rmSync(corpus.dir, { recursive: true, force: true });
    if (big2) rmSync(big2.dir, { recursive: true, force: true });
    rmSync(join(work, 'app-export.zip'), { force: true });
    if (app?.built) rmSync(app.dist, { recursive: true, force: true });
  }
}

await main();
