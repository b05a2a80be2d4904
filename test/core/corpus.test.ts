// The real-world corpus (../shared/corpus, 406 files from other projects' test data): every file
// is either de-identified — the output re-parses in the same transfer syntax, its pixel data is
// byte-identical, no attribute the basic profile removes (X) remains at any depth, no private
// attribute remains, the patient's name is gone — or refused/skipped with a specific error.
// UIDs must be consistent across the whole corpus (one original → one new, and never two → one).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { MemorySink } from '../../src/core/io/byte-sink.ts';
import { readPart10, type DicomFile } from '../../src/core/dicom/reader.ts';
import { findElement, type Item } from '../../src/core/dicom/dataset.ts';
import { PIXEL_DATA, isPrivateTag, formatTag } from '../../src/core/dicom/tag.ts';
import { deidentifyFile, planFile } from '../../src/core/deid/process-file.ts';
import { verifyOutput } from '../../src/core/deid/verify-output.ts';
import { UidRemapper } from '../../src/core/deid/uid-remapper.ts';
import { Pseudonymizer } from '../../src/core/deid/pseudonymizer.ts';
import { DEFAULT_OPTIONS } from '../../src/core/profile/options.ts';
import { lookupProfileRow } from '../../src/core/profile/profile-table.ts';
import { reasonText } from '../helpers/messages.ts';

const corpus = join(import.meta.dirname, '../../../shared/corpus');
const present = existsSync(join(corpus, 'MANIFEST.tsv'));
if (!present) console.warn(`corpus test: ${corpus} is absent — the real-file corpus test is SKIPPED (CI has it beside the checkout)`);

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

async function pixelBytes(file: DicomFile): Promise<Uint8Array[]> {
  const px = findElement(file.dataset, PIXEL_DATA);
  if (!px) return [];
  const v = px.value;
  if (v.kind === 'bytes') return [v.bytes];
  if (v.kind === 'bulk') return [await file.source.read(v.range.offset, v.range.length)];
  if (v.kind === 'fragments') return Promise.all(v.fragments.map((f) => file.source.read(f.offset, f.length)));
  return [];
}

/** Tags whose basic-profile action is plain X, found anywhere in the data set, and private tags. */
function forbidden(ds: Item, path = ''): string[] {
  const out: string[] = [];
  for (const el of ds.elements) {
    const p = `${path}${formatTag(el.tag)}`;
    if (isPrivateTag(el.tag)) out.push(`${p} private`);
    else if (lookupProfileRow(el.tag)?.basic === 'X') out.push(`${p} X`);
    if (el.value.kind === 'sequence') el.value.items.forEach((it, i) => out.push(...forbidden(it, `${p}[${i}].`)));
  }
  return out;
}

describe.skipIf(!present)('real-world corpus (../shared/corpus)', () => {
  it('de-identifies or clearly refuses every file, with consistent UIDs', async () => {
    const key = new Uint8Array(32).fill(42);
    const session = { key, options: { ...DEFAULT_OPTIONS }, uids: new UidRemapper(key), pseudonyms: new Pseudonymizer(key) };
    const all = files(corpus).filter((f) => !/\/(MANIFEST\.tsv|README\.md)$/.test(f));
    expect(all.length).toBeGreaterThanOrEqual(400);
    const status: Record<string, number> = { ok: 0, refused: 0, skipped: 0 };
    const problems: string[] = [];
    const forward = new Map<string, string>();
    const backward = new Map<string, string>();
    for (const f of all) {
      const name = relative(corpus, f);
      const bytes = new Uint8Array(readFileSync(f));
      const sink = new MemorySink();
      const r = await deidentifyFile(new MemorySource(bytes), sink, session);
      status[r.status]++;
      if (r.status !== 'ok') {
        if ((reasonText(r) ?? '').length < 15) problems.push(`${name}: ${r.status} without a clear error`);
        if (sink.size !== 0) problems.push(`${name}: ${r.status} but bytes were written`);
        if (r.status === 'refused' && !/offset \d+/.test(reasonText(r) ?? '')) problems.push(`${name}: refusal does not name a byte offset: ${reasonText(r)}`);
        continue;
      }
      const out = sink.bytes();
      const verify = await verifyOutput(new MemorySource(out), { transferSyntaxUID: r.transferSyntaxUID!, sopInstanceUID: r.outcome!.ids.sopInstanceUID, pixel: r.pixel! });
      if (verify.length) problems.push(`${name}: ${verify.join('; ')}`);
      const original = await readPart10(new MemorySource(bytes));
      const output = await readPart10(new MemorySource(out));
      const [a, b] = [await pixelBytes(original), await pixelBytes(output)];
      // Identical byte for byte; an odd-length value or fragment (non-conformant input) gains the one
      // trailing zero pad byte PS3.5 §7.1.1 / A.4 require, and nothing else changes.
      const same = a.length === b.length && a.every((x, i) => {
        const y = b[i];
        const padded = y.length === x.length + 1 && (x.length & 1) === 1 && y[x.length] === 0;
        return (y.length === x.length || padded) && x.every((v, j) => v === y[j]);
      });
      if (!same) problems.push(`${name}: pixel data differs`);
      const left = forbidden(output.dataset);
      if (left.length) problems.push(`${name}: attributes that must go remain: ${left.slice(0, 5).join(', ')}`);
      // Plan rows give the UID mapping used for this file.
      const plan = await planFile(new MemorySource(bytes), session, { collectRows: true });
      for (const row of plan.outcome?.rows ?? []) {
        if (row.action !== 'U' || row.vr !== 'UI' || !row.original || row.result === null) continue;
        const olds = row.original.split('\\');
        const news = row.result.split('\\');
        olds.forEach((o, i) => {
          const n = news[i];
          if (o.startsWith('1.2.840.10008.') && o === n) return;
          if (forward.has(o) && forward.get(o) !== n) problems.push(`${name}: ${o} mapped to two UIDs`);
          if (backward.has(n) && backward.get(n) !== o) problems.push(`${name}: two UIDs mapped to ${n}`);
          if (!/^2\.25\.\d{1,39}$/.test(n)) problems.push(`${name}: new UID ${n} is not a 2.25 UID`);
          forward.set(o, n);
          backward.set(n, o);
        });
      }
    }
    console.log(`corpus: ${all.length} files: ${status.ok} de-identified, ${status.refused} refused, ${status.skipped} skipped; ${forward.size} distinct UIDs remapped`);
    expect(problems).toEqual([]);
    expect(status.ok).toBeGreaterThan(380);
    expect(forward.size).toBeGreaterThan(500);
  }, 300_000);
});
