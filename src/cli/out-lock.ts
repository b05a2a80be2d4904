// One run at a time per private folder (bundles.ts). Two `veil anonymize` runs writing into the
// same one would interleave their audit-log entries (breaking the hash chain) and race for the
// mapping CSVs, so a run takes `<keep>/.veil-run.lock` (created exclusively, holding pid, host
// and start time) before it writes anything and removes it when it ends; it never lies in --out,
// the folder users share. A lock left by a run on this host whose process
// is gone (killed, power cut) is taken over with a warning; any other lock stops the run.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from './args.ts';
import { walkFolder } from './walk-folder.ts';
import { makeFolder } from './write-fault.ts';

export const LOCK_FILE = '.veil-run.lock';

interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

export interface OutLock {
  release(): void;
  /** The lock was taken over from a dead run, whose temporary files may still be in the folder. */
  readonly tookOver: boolean;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host, started: String(v.started ?? '?') } : null;
  } catch {
    return null;
  }
}

/** Takes the output folder's lock (creating the folder), or throws a UsageError naming the holder. */
export function lockOutDir(outDir: string, shown: string, warn: (text: string) => void): OutLock {
  makeFolder(outDir);
  const file = path.join(outDir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  let tookOver = false;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine) + '\n', { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const held = readLock(file);
      if (held && held.host === mine.host && !alive(held.pid)) {
        warn(`veil: warning: ${shown} was locked by run ${held.pid} (started ${held.started}), which is no longer running; taking over\n`);
        fs.rmSync(file, { force: true });
        tookOver = true;
        continue;
      }
      const who = held ? `run ${held.pid} on ${held.host}, started ${held.started}` : 'an unreadable lock';
      throw new UsageError(
        `another veil run is writing into ${shown} (${who}); two runs into one folder would break its audit log`,
        `Wait for it to finish or choose another --out / --keep. If no run is active, delete ${file}.`,
      );
    }
  }
  let released = false;
  return {
    tookOver,
    release() {
      if (released) return;
      released = true;
      const held = readLock(file);
      if (held?.pid === mine.pid && held.started === mine.started) fs.rmSync(file, { force: true });
    },
  };
}

/**
 * Remove the temporary files a dead run left in `dir` (names holding `mark`; never a finished
 * output, which is renamed into place only when whole). Called with the lock held. Returns how many.
 */
export function sweepTemporaries(dir: string, mark: string): number {
  let removed = 0;
  for (const e of walkFolder(dir, { skipUnreadable: () => true })) {
    if (!e.dirent.isFile() || !e.dirent.name.includes(mark)) continue;
    fs.rmSync(e.path, { force: true });
    removed++;
  }
  return removed;
}
