// The naive reference pipeline the benchmark compares with: for every file under IN, read it
// whole, parse it with dcmjs, blank the tags dcmjs's anonymizer knows (cleanTags), write it
// back with dcmjs and save it under OUT. One file at a time, everything in memory.
// Usage: tsx scripts/bench/dcmjs-naive.ts IN OUT

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import dcmjs from 'dcmjs';

interface DcmjsDict {
  dict: Record<string, unknown>;
  write(): ArrayBuffer;
}
const api = dcmjs as unknown as {
  data: { DicomMessage: { readFile(b: ArrayBuffer): DcmjsDict } };
  anonymizer: { cleanTags(dict: Record<string, unknown>): void };
  log?: { setLevel?(l: string): void };
};

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

const [inDir, outDir] = process.argv.slice(2);
if (!inDir || !outDir) {
  console.error('usage: dcmjs-naive.ts IN OUT');
  process.exit(2);
}
api.log?.setLevel?.('error');
let n = 0;
for (const file of walk(inDir)) {
  const buf = readFileSync(file);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  const dict = api.data.DicomMessage.readFile(ab);
  api.anonymizer.cleanTags(dict.dict);
  const out = join(outDir, relative(inDir, file));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, new Uint8Array(dict.write()));
  n++;
}
console.log(`dcmjs: ${n} files`);
