// Shared helpers of the CLI tests: temporary folders, synthetic inputs from the independent
// fixture builder, running the real `veil` command as a child process, and re-reading outputs
// with the core reader.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElement } from '../../src/core/dicom/dataset.ts';
import { readPart10, type DicomFile } from '../../src/core/dicom/reader.ts';
import { asciiValue } from '../../src/core/dicom/value-text.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { main } from '../../src/cli/main.ts';
import { FIXTURE_UID_ROOT, makeCtLike, T } from '../fixtures/make.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'veil.mjs');

const made: string[] = [];

export function tempDir(): string {
  const d = fs.mkdtempSync(os.tmpdir() + '/veil-cli-');
  made.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node bin/veil.mjs …` in `cwd`, with a private config folder (never the user's). */
export function runVeil(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(cwd, '.config'), APPDATA: path.join(cwd, '.config'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The same command in-process (much faster than a child process); give absolute paths, since
 * the working directory is the test runner's. Used where the process boundary does not matter.
 */
export async function runInProcess(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { out: (s) => (stdout += s), err: (s) => (stderr += s), version: '0.0.0-test' });
  return { status, stdout, stderr };
}

export const uid = (s: string) => `${FIXTURE_UID_ROOT}.${s}`;

/** A CT-like file of patient `pid`, in study `study`, series `series`, instance `n`. */
export function ct(pid: string, name: string, study: string, series: string, n: string): Uint8Array {
  return makeCtLike({
    patientId: pid,
    patientName: name,
    sopInstanceUID: uid(`9.${n}`),
    extra: [
      { tag: T.StudyInstanceUID, vr: 'UI', value: uid(`7.${study}`) },
      { tag: T.SeriesInstanceUID, vr: 'UI', value: uid(`8.${series}`) },
    ],
  });
}

export function writeFile(file: string, bytes: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

export async function readDicom(file: string): Promise<DicomFile> {
  return readPart10(new MemorySource(new Uint8Array(fs.readFileSync(file))));
}

export function str(f: DicomFile, t: number): string {
  const el = findElement(f.dataset, t);
  return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes) : '';
}

export function readCsv(file: string): string[][] {
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
}

export interface ReportFile {
  input: string;
  output: string | null;
  status: 'ok' | 'refused' | 'skipped' | 'flagged' | 'duplicate';
  error: string | null;
  duplicateOf?: string;
  warnings: string[];
  actions: Record<'X' | 'Z' | 'D' | 'K' | 'C' | 'U', number>;
}

export function readReport(file: string): { files: ReportFile[]; summary: Record<string, number> } {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
