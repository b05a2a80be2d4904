// The floor of the work `veil anonymize` must do for a folder whatever its DICOM code costs, run
// by `npm run bench` beside gdcmanon: every input read whole, its SHA-256 (the audit log's input
// digest), the same bytes written into a temporary file in the output folder, their SHA-256 (the
// output digest) and the rename into place (no partial output), on one lane per core (the main
// thread and worker threads, as the CLI runs). No parsing, no de-identification, no re-read, no
// leak gate, no audit chain: a veil time can only come near this one, never under it.
// With --reread READER (a bundle of reread-entry.ts, made by the bench with esbuild), each input
// is also parsed with core's reader before it is written and each output after it is hashed: the
// reading any de-identification needs plus the re-read check, still with no de-identification,
// no leak gate and no audit chain.
// Usage: node scripts/bench/io-floor.mjs SRC OUT [LANES] [--reread READER]
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, workerData } from 'node:worker_threads';

async function work(src, out, files, readerPath) {
  const reader = readerPath ? await import(pathToFileURL(readerPath).href) : null;
  for (const rel of files) {
    const bytes = readFileSync(join(src, rel));
    const input = createHash('sha256').update(bytes).digest('hex');
    if (reader) await reader.readPart10(new reader.MemorySource(bytes));
    const final = join(out, rel);
    mkdirSync(dirname(final), { recursive: true });
    const temp = join(dirname(final), `.${input.slice(0, 16)}.part`);
    writeFileSync(temp, bytes);
    createHash('sha256').update(bytes).digest('hex');
    if (reader) await reader.readPart10(new reader.MemorySource(bytes));
    renameSync(temp, final);
  }
}

if (isMainThread) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--reread');
  const readerPath = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const [src, out, lanesArg] = args;
  const lanes = Math.max(1, Number(lanesArg ?? availableParallelism()));
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(src, join(e.parentPath, e.name)))
    .sort();
  const parts = Array.from({ length: lanes }, (_, k) => files.filter((_, i) => i % lanes === k));
  const helpers = parts.slice(1).map(
    (part) =>
      new Promise((resolve, reject) => {
        const w = new Worker(new URL(import.meta.url), { workerData: { src, out, part, readerPath } });
        w.on('error', reject);
        w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lane exited with ${code}`))));
      }),
  );
  await work(src, out, parts[0], readerPath);
  await Promise.all(helpers);
} else {
  await work(workerData.src, workerData.out, workerData.part, workerData.readerPath);
}
