// Runs one command as a child process under /usr/bin/time and measures its wall time (Node's
// monotonic clock around spawn → exit) and its peak resident memory (ru_maxrss from wait4,
// which /usr/bin/time prints as %M: the high-water mark of the largest process of the tree;
// every command here is a single process, the veil CLI's workers being threads). A command
// that outlives its timeout is killed with its whole process group and reported as failed.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  ok: boolean;
  wallS: number;
  peakRssMiB: number | null;
  /** User + system CPU time of the command (all its threads), from /usr/bin/time. */
  cpuS: number | null;
  /**
   * Share of the wall time during which some runnable task on the machine waited for a CPU
   * (/proc/pressure/cpu "some"): contention, from other processes or the command's own threads.
   */
  cpuPressure: number | null;
  /** Why it failed (timeout, exit status, last error line). */
  error?: string;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';

/** Total µs some task waited for a CPU since boot (PSI), or null without PSI. */
export function cpuStallUs(): number | null {
  try {
    const m = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export async function measure(cmd: string, args: string[], opts: { cwd?: string; timeoutS: number; env?: NodeJS.ProcessEnv }): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), 'veil-bench-time-'));
  const timeFile = join(dir, 'time.txt');
  const child = spawn(TIME, ['-f', '%e %M %U %S', '-o', timeFile, cmd, ...args], {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so a timeout kills everything it started
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout = (stdout + d).slice(-64_000); });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-64_000); });
  const stall0 = cpuStallUs();
  const t0 = performance.now();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, opts.timeoutS * 1000);
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (c, s) => resolve({ code: c, signal: s })));
  const wallS = (performance.now() - t0) / 1000;
  const stall1 = cpuStallUs();
  const cpuPressure = stall0 !== null && stall1 !== null && wallS > 0 ? Math.min(1, (stall1 - stall0) / 1e6 / wallS) : null;
  clearTimeout(timer);
  let peakRssMiB: number | null = null;
  let cpuS: number | null = null;
  let timeExit = '';
  try {
    const text = readFileSync(timeFile, 'utf8');
    timeExit = text.split('\n').find((l) => l.startsWith('Command')) ?? '';
    const last = text.trim().split('\n').at(-1)!.split(' ');
    const kb = Number(last[1]);
    if (Number.isFinite(kb)) peakRssMiB = kb / 1024;
    const cpu = Number(last[2]) + Number(last[3]);
    if (Number.isFinite(cpu)) cpuS = cpu;
  } catch {
    /* killed before /usr/bin/time wrote anything */
  }
  rmSync(dir, { recursive: true, force: true });
  if (timedOut) return { ok: false, wallS, peakRssMiB, cpuS, cpuPressure, error: `timed out after ${opts.timeoutS} s (killed)`, stdout, stderr };
  if (code !== 0) {
    const why = lastErrorLine(stderr) ?? timeExit ?? '';
    return { ok: false, wallS, peakRssMiB, cpuS, cpuPressure, error: `exit ${code ?? signal}${why ? `: ${why}` : ''}`, stdout, stderr };
  }
  return { ok: true, wallS, peakRssMiB, cpuS, cpuPressure, stdout, stderr };
}

function lastErrorLine(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean).filter((l) => !l.startsWith('Command exited'));
  const heap = lines.find((l) => /heap out of memory|Allocation failed|ERR_FS_FILE_TOO_LARGE|RangeError|Array buffer allocation/i.test(l));
  return (heap ?? lines.find((l) => /^(\w*Error|error|veil:)/i.test(l)) ?? lines.at(-1))?.slice(0, 200);
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
