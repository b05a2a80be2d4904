// Hostile input (issue 5): property-based mutation tests over real and synthetic files.
// Truncations at every offset class, bit flips, absurd lengths written over length fields,
// random byte runs, deep nesting and sequences in wrong places: every case must end in a clean
// result (ok / refused / skipped) within a bounded time, never an exception or a hang, and a
// refused or skipped file must not have written a single byte. 10,000 cases in all.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { deidentifyFile } from '../../../src/core/deid/process-file.ts';
import { UidRemapper } from '../../../src/core/deid/uid-remapper.ts';
import { Pseudonymizer } from '../../../src/core/deid/pseudonymizer.ts';
import { DEFAULT_OPTIONS } from '../../../src/core/profile/options.ts';
import { makeCtLike } from '../../fixtures/ct.ts';
import { TS } from '../../fixtures/make.ts';
import { deepSequences } from '../../fixtures/hostile.ts';
import { reasonText } from '../../helpers/messages.ts';

const key = new Uint8Array(32).fill(3);
const session = () => ({ key, options: { ...DEFAULT_OPTIONS, retainSafePrivate: true }, uids: new UidRemapper(key), pseudonyms: new Pseudonymizer(key) });

const corpus = join(import.meta.dirname, '../../../../shared/corpus');
const CORPUS_SEEDS = [
  'pydicom/CT_small.dcm', 'pydicom/ExplVR_BigEnd.dcm', 'pydicom/image_dfl.dcm', 'pydicom/nested_priv_SQ.dcm',
  'pydicom/rtplan.dcm', 'pydicom/charset_files/chrX2.dcm', 'pydicom/JPEG2000.dcm', 'pydicom-data/explicit_VR-UN.dcm',
];
const seeds: { name: string; bytes: Uint8Array }[] = [
  { name: 'synthetic explicit LE', bytes: makeCtLike() },
  { name: 'synthetic implicit LE', bytes: makeCtLike({ transferSyntax: TS.ImplicitLE, undefinedLengthSequences: true }) },
  { name: 'synthetic explicit BE', bytes: makeCtLike({ transferSyntax: TS.ExplicitBE }) },
  { name: 'synthetic deflated', bytes: makeCtLike({ transferSyntax: TS.DeflatedLE }) },
  { name: 'synthetic RLE', bytes: makeCtLike({ transferSyntax: TS.RLELossless, frames: 2 }) },
  { name: 'synthetic no meta', bytes: makeCtLike({ preamble: false, meta: false, transferSyntax: TS.ImplicitLE }) },
  { name: 'synthetic deep nesting', bytes: deepSequences(40) },
];
if (existsSync(corpus)) {
  for (const f of CORPUS_SEEDS) if (existsSync(join(corpus, f))) seeds.push({ name: f, bytes: new Uint8Array(readFileSync(join(corpus, f))) });
} else {
  console.warn(`hostile input: ${corpus} is absent — mutating synthetic files only`);
}

const CASE_BUDGET_MS = 2000;

async function runCase(bytes: Uint8Array): Promise<void> {
  const sink = new MemorySink();
  const t0 = performance.now();
  const r = await deidentifyFile(new MemorySource(bytes), sink, session());
  const ms = performance.now() - t0;
  expect(['ok', 'refused', 'skipped']).toContain(r.status);
  expect(ms).toBeLessThan(CASE_BUDGET_MS);
  if (r.status !== 'ok') {
    expect(sink.size).toBe(0);
    expect((reasonText(r) ?? '').length).toBeGreaterThan(10);
  }
}

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'length'; at: number; value: number }
  | { kind: 'splice'; at: number; bytes: number[] }
  | { kind: 'delimiter'; at: number; which: number };

const mutation = (size: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    // Truncation: every offset class (preamble, meta, header, value, pixel data) is reachable.
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: size }) }),
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat({ max: Math.max(0, size - 1) }), bit: fc.nat({ max: 7 }) }),
    // Absurd or off-by-some lengths over whatever 4 bytes sit there.
    fc.record({
      kind: fc.constant('length' as const), at: fc.nat({ max: Math.max(0, size - 4) }),
      value: fc.oneof(fc.constant(0xffffffff), fc.constant(0xfffffff0), fc.constant(0xbffffffe), fc.nat({ max: 4096 }), fc.constant(1)),
    }),
    fc.record({ kind: fc.constant('splice' as const), at: fc.nat({ max: size }), bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 24 }) }),
    // Item / delimiter tags dropped where they do not belong.
    fc.record({ kind: fc.constant('delimiter' as const), at: fc.nat({ max: Math.max(0, size - 8) }), which: fc.nat({ max: 2 }) }),
  );

function apply(bytes: Uint8Array, m0: Mutation): Uint8Array {
  // Offsets were drawn for the seed; earlier mutations may have shortened the file.
  const m = { ...m0, at: Math.min(m0.at, bytes.length) } as Mutation;
  switch (m.kind) {
    case 'truncate':
      return bytes.slice(0, m.at);
    case 'flip': {
      const b = bytes.slice();
      if (b.length) b[Math.min(m.at, b.length - 1)] ^= 1 << m.bit;
      return b;
    }
    case 'length': {
      const b = bytes.slice();
      if (b.length >= 4) new DataView(b.buffer).setUint32(Math.min(m.at, b.length - 4), m.value >>> 0, true);
      return b;
    }
    case 'splice': {
      const b = new Uint8Array(bytes.length + m.bytes.length);
      b.set(bytes.subarray(0, m.at));
      b.set(m.bytes, m.at);
      b.set(bytes.subarray(m.at), m.at + m.bytes.length);
      return b;
    }
    case 'delimiter': {
      const b = bytes.slice();
      const tags = [[0xfe, 0xff, 0x00, 0xe0], [0xfe, 0xff, 0x0d, 0xe0], [0xfe, 0xff, 0xdd, 0xe0]];
      if (b.length >= 8) b.set([...tags[m.which], 0xff, 0xff, 0xff, 0xff], Math.min(m.at, b.length - 8));
      return b;
    }
  }
}

describe('hostile input: mutations of real and synthetic files', () => {
  const perSeed = Math.ceil(10_000 / seeds.length);
  for (const seed of seeds) {
    it(`${seed.name}: ${perSeed} mutated cases end cleanly`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation(seed.bytes.length), { minLength: 1, maxLength: 3 }), async (ms) => {
          let b = seed.bytes;
          for (const m of ms) b = apply(b, m);
          await runCase(b);
        }),
        { numRuns: perSeed, seed: 20261128, endOnFailure: true },
      );
    }, 120_000);
  }

  it('every truncation point of a small nested file ends cleanly', async () => {
    const bytes = makeCtLike({ undefinedLengthSequences: true, rows: 4, cols: 4 });
    for (let at = 0; at < bytes.length; at++) await runCase(bytes.slice(0, at));
  }, 120_000);
});
