// Hostile and broken input through the whole pipeline: every defect is refused with an error that
// names the byte offset and the element, quickly, and nothing is written; non-DICOM is skipped.

import { describe, expect, it } from 'vitest';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { formatTag } from '../../../src/core/dicom/tag.ts';
import { DicomParseError } from '../../../src/core/dicom/parse-error.ts';
import { deidentifyFile, planFile } from '../../../src/core/deid/process-file.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import {
  deepSequences, flipBit, hugeDeclaredOB, hugePatientNameLength, truncate,
} from '../../fixtures/hostile.ts';
import { T, TS, makeCtLike } from '../../fixtures/make.ts';
import { at, makeTestSession, read } from '../helpers.ts';
import { reasonText } from '../../helpers/messages.ts';
import { inEnglish } from '../../../src/i18n/render-code.ts';

async function refuse(bytes: Uint8Array) {
  const sink = new MemorySink();
  const t0 = performance.now();
  const r = await deidentifyFile(new MemorySource(bytes), sink, makeTestSession());
  const ms = performance.now() - t0;
  return { r, ms, written: sink.size };
}

const OFFSET = /offset \d+/;

describe('hostile input is refused, with offset and element, quickly, writing nothing', () => {
  const cases: [string, () => Uint8Array, string][] = [
    ['PatientName declaring 0xFFFFFFF0 bytes in a small implicit VR file', () => hugePatientNameLength(), '(0010,0010)'],
    ['PatientName declaring 0xFFFF bytes (explicit VR)', () => hugePatientNameLength(true), '(0010,0010)'],
    ['Pixel Data declaring 3 GiB', () => hugeDeclaredOB(), '(7FE0,0010)'],
    ['a private OB declaring 3 GiB', () => hugeDeclaredOB(0x00091010), '(0009,1010)'],
    ['200 nested sequences (defined length)', () => deepSequences(200), '(0008,1140)'],
    ['200 nested sequences (undefined length)', () => deepSequences(200, { undefinedLength: true }), '(0008,1140)'],
    ['200 nested sequences (implicit VR)', () => deepSequences(200, { transferSyntax: TS.ImplicitLE }), '(0008,1140)'],
  ];
  it.each(cases)('%s', async (_name, make, element) => {
    const bytes = make();
    const { r, ms, written } = await refuse(bytes);
    expect(r.status).toBe('refused');
    expect(reasonText(r)).toMatch(OFFSET);
    expect(reasonText(r)).toContain(element);
    expect(written).toBe(0);
    expect(r.bytesWritten).toBeUndefined();
    expect(ms).toBeLessThan(1000);
  });

  it('the reported offset is where the bad element starts', async () => {
    const bytes = hugePatientNameLength();
    const err = await readPart10(new MemorySource(bytes)).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DicomParseError);
    const at = Buffer.from(bytes).indexOf(Buffer.from([0x10, 0, 0x10, 0, 0xf0, 0xff, 0xff, 0xff]));
    expect(inEnglish((err as DicomParseError).problem)).toContain(`(0010,0010) at offset ${at}`);
    expect((err as DicomParseError).tag).toBe(T.PatientName);
    expect(bytes.length).toBeLessThan(1024);
  });

  it('31 levels of nesting are fine, 33 are refused', async () => {
    expect((await planFile(new MemorySource(deepSequences(31)), makeTestSession())).status).toBe('ok');
    const r = await planFile(new MemorySource(deepSequences(33)), makeTestSession());
    expect(r.status).toBe('refused');
    expect(reasonText(r)).toMatch(/nested deeper than 32 levels at offset \d+/);
  });
});

describe('truncation', () => {
  /** Offsets at which a truncated file still parses: top-level element boundaries, plus < 8 trailing bytes. */
  async function tolerated(bytes: Uint8Array): Promise<Set<number>> {
    const f = await read(bytes);
    const ok = new Set<number>();
    for (const el of f.dataset.elements) for (let d = 0; d < 8; d++) ok.add(el.offset + d);
    return ok;
  }

  const FILES: [string, () => Uint8Array][] = [
    ['explicit VR LE', () => makeCtLike({ rows: 4, cols: 4 })],
    ['explicit VR LE, undefined lengths', () => makeCtLike({ rows: 4, cols: 4, undefinedLengthSequences: true })],
    ['implicit VR LE', () => makeCtLike({ rows: 4, cols: 4, transferSyntax: TS.ImplicitLE })],
    ['explicit VR BE', () => makeCtLike({ rows: 4, cols: 4, transferSyntax: TS.ExplicitBE })],
    ['RLE', () => makeCtLike({ rows: 4, cols: 4, transferSyntax: TS.RLELossless, fragmentsPerFrame: 2 })],
  ];
  it.each(FILES)('%s: every cut is refused (with offset) unless it falls on a top-level element boundary', async (name, make) => {
    const bytes = make();
    // Every offset for the first file; every 3rd (at varying phases) for the others, to stay fast.
    const step = name === FILES[0][0] ? 1 : 3;
    const ok = await tolerated(bytes);
    const session = makeTestSession();
    let refused = 0;
    for (let cut = 133 + (bytes.length % step); cut < bytes.length; cut += step) {
      const sink = new MemorySink();
      const r = await deidentifyFile(new MemorySource(truncate(bytes, cut)), sink, session);
      if (r.status === 'ok') {
        expect(ok.has(cut), `cut at ${cut} was accepted`).toBe(true);
        continue;
      }
      refused++;
      expect(r.status, `cut at ${cut}`).toBe('refused');
      expect(reasonText(r), `cut at ${cut}`).toMatch(OFFSET);
      expect(sink.size).toBe(0);
    }
    expect(refused).toBeGreaterThan(bytes.length / 2 / step);
  });

  it('a cut inside pixel data names Pixel Data; a cut inside a nested sequence names the sequence', async () => {
    for (const undefinedLengthSequences of [false, true]) {
      const bytes = makeCtLike({ undefinedLengthSequences });
      const f = await read(bytes);
      const px = at(f.dataset, T.PixelData)!;
      const r1 = await planFile(new MemorySource(truncate(bytes, px.offset + 12 + 100)), makeTestSession());
      expect(r1.status).toBe('refused');
      expect(reasonText(r1)).toContain(`${formatTag(T.PixelData)} at offset ${px.offset}`);
      const inner = at(f.dataset, T.RequestAttributesSequence, 0, T.PatientName)!;
      const r2 = await planFile(new MemorySource(truncate(bytes, inner.offset + 9)), makeTestSession());
      expect(r2.status).toBe('refused');
      expect(reasonText(r2)).toMatch(OFFSET);
      expect(reasonText(r2)).toMatch(undefinedLengthSequences ? /\((0040,0275|0010,0010)\)|item/ : /\(0040,0275\)/);
    }
  });

  it('a truncated deflated data set is refused', async () => {
    const bytes = makeCtLike({ transferSyntax: TS.DeflatedLE });
    const r = await planFile(new MemorySource(truncate(bytes, bytes.length - 40)), makeTestSession());
    expect(r.status).toBe('refused');
    expect(reasonText(r)).toMatch(OFFSET);
  });
});

describe('not DICOM', () => {
  it('a text file is skipped, not refused, and nothing is written', async () => {
    const txt = new TextEncoder().encode('This folder holds the study export.\nSee the report for details.\n'.repeat(10));
    const sink = new MemorySink();
    const r = await deidentifyFile(new MemorySource(txt), sink, makeTestSession());
    expect(r.status).toBe('skipped');
    expect(reasonText(r)).toMatch(/not DICOM/);
    expect(sink.size).toBe(0);
    const short = await planFile(new MemorySource(new Uint8Array([1, 2, 3])), makeTestSession());
    expect(short.status).toBe('skipped');
  });

  it('random bytes after a DICM prefix are refused, not crashed on', async () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let n = 0; n < 50; n++) {
      const bytes = new Uint8Array(132 + 64 + n * 13);
      bytes.set([0x44, 0x49, 0x43, 0x4d], 128);
      for (let i = 132; i < bytes.length; i++) bytes[i] = rnd();
      const r = await planFile(new MemorySource(bytes), makeTestSession());
      expect(['refused', 'ok']).toContain(r.status);
      if (r.status === 'refused') expect(reasonText(r)).not.toMatch(/^(TypeError|RangeError)/);
    }
  });
});

describe('bit flips', () => {
  it('single bit flips never crash the pipeline; accepted outputs re-read', async () => {
    const base = makeCtLike({ rows: 4, cols: 4, undefinedLengthSequences: true });
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    for (let i = 0; i < 250; i++) {
      const bit = 132 * 8 + rnd((base.length - 132) * 8);
      const sink = new MemorySink();
      const r = await deidentifyFile(new MemorySource(flipBit(base, bit)), sink, makeTestSession());
      expect(['ok', 'refused', 'skipped']).toContain(r.status);
      if (r.status === 'refused') {
        expect(reasonText(r), `bit ${bit}`).not.toMatch(/^(TypeError|RangeError|Error):/);
        expect(sink.size).toBe(0);
      }
      if (r.status === 'ok') await expect(readPart10(new MemorySource(sink.bytes()))).resolves.toBeDefined();
    }
  });
});
