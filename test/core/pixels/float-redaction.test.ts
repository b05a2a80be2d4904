// Redaction of Float Pixel Data (7FE0,0008) and Double Float Pixel Data (7FE0,0009), PS3.3
// C.7.6.24: a matching template must redact them (the box takes the lowest value of its frame, the
// highest for MONOCHROME1) and claim it (Burned In Annotation NO, code 113101); every byte outside
// the box is unchanged. A float format that cannot be redacted is refused, never written as it was.

import { describe, expect, it } from 'vitest';
import { findElement } from '../../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { deidentifyFile } from '../../../src/core/deid/process-file.ts';
import type { TemplateFile } from '../../../src/core/redaction/template.ts';
import { makeTestSession } from '../helpers.ts';
import { makePart10, T, TS } from '../../fixtures/make.ts';
import { imageElements } from './image-fixtures.ts';
import { methodCodes, str } from './redact-helpers.ts';
import { reasonText } from '../../helpers/messages.ts';

const ROWS = 6, COLS = 5, FRAMES = 2;
const TEMPLATES: TemplateFile = { version: 1, templates: [{ name: 'corner', match: {}, boxes: [{ x: 1, y: 2, width: 3, height: 2 }] }] };
const inBox = (r: number, c: number) => r >= 2 && r < 4 && c >= 1 && c < 4;
/** Frame f's values; the lowest sits outside the box, the highest too, and NaN appears. */
const value = (f: number, r: number, c: number) => (r === 5 && c === 4 ? NaN : (r * 7 + c * 3 + f) * 0.25 - 3 - f * 10);

function floatImage(bytes: 4 | 8, le: boolean, extra: { spp?: number; pi?: 'MONOCHROME1' | 'MONOCHROME2' } = {}): Uint8Array {
  const data = new Uint8Array(FRAMES * ROWS * COLS * bytes);
  const v = new DataView(data.buffer);
  for (let f = 0; f < FRAMES; f++) for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) {
    const at = ((f * ROWS + r) * COLS + c) * bytes;
    if (bytes === 4) v.setFloat32(at, value(f, r, c), le);
    else v.setFloat64(at, value(f, r, c), le);
  }
  const els = imageElements({ rows: ROWS, cols: COLS, frames: FRAMES, bitsAllocated: 32, pi: extra.pi ?? 'MONOCHROME2' }, null)
    .filter((e) => e.tag !== T.BitsStored && e.tag !== T.HighBit && e.tag !== T.PixelRepresentation)
    .map((e) => (e.tag === T.BitsAllocated ? { ...e, value: [bytes * 8] } : e.tag === T.SamplesPerPixel ? { ...e, value: [extra.spp ?? 1] } : e));
  els.push({ tag: bytes === 4 ? 0x7fe00008 : 0x7fe00009, vr: bytes === 4 ? 'OF' : 'OD', value: data });
  return makePart10(els, { transferSyntax: le ? TS.ExplicitLE : TS.ExplicitBE });
}

async function run(input: Uint8Array) {
  const sink = new MemorySink();
  const result = await deidentifyFile(new MemorySource(input), sink, makeTestSession(), { redactionTemplates: TEMPLATES });
  return { result, out: result.status === 'ok' ? await readPart10(new MemorySource(sink.bytes())) : undefined };
}

describe('float pixel data under a matching template', () => {
  for (const bytes of [4, 8] as const) {
    for (const le of [true, false]) {
      for (const pi of ['MONOCHROME2', 'MONOCHROME1'] as const) {
        it(`${bytes === 4 ? 'Float' : 'Double Float'} Pixel Data, ${le ? 'little' : 'big'} endian, ${pi}: the box holds the frame's darkest value, nothing else changes`, async () => {
          const input = await readPart10(new MemorySource(floatImage(bytes, le, { pi })));
          const { result, out } = await run(floatImage(bytes, le, { pi }));
          expect(result.status, reasonText(result) ?? '').toBe('ok');
          const t = bytes === 4 ? 0x7fe00008 : 0x7fe00009;
          const get = async (file: typeof input) => {
            const el = findElement(file.dataset, t)!;
            return el.value.kind === 'bytes' ? el.value.bytes : el.value.kind === 'bulk' ? file.source.read(el.value.range.offset, el.value.range.length) : new Uint8Array();
          };
          const a = await get(input);
          const b = await get(out!);
          const va = new DataView(a.buffer, a.byteOffset, a.byteLength);
          const vb = new DataView(b.buffer, b.byteOffset, b.byteLength);
          const read = (v: DataView, at: number) => (bytes === 4 ? v.getFloat32(at, le) : v.getFloat64(at, le));
          for (let f = 0; f < FRAMES; f++) {
            const all: number[] = [];
            for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) if (!(r === 5 && c === 4)) all.push(read(va, ((f * ROWS + r) * COLS + c) * bytes));
            const darkest = pi === 'MONOCHROME1' ? Math.max(...all) : Math.min(...all);
            for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) {
              const at = ((f * ROWS + r) * COLS + c) * bytes;
              if (inBox(r, c)) expect(read(vb, at)).toBe(darkest);
              else expect(b.subarray(at, at + bytes)).toEqual(a.subarray(at, at + bytes));
            }
          }
          expect(str(out!.dataset, T.BurnedInAnnotation)).toBe('NO');
          expect(methodCodes(out!.dataset)).toContain('113101');
        });
      }
    }
  }

  it('counts float pixel data as pixels for Burned In Annotation YES: refused under burnedIn "refuse" when no box covers it', async () => {
    const sink = new MemorySink();
    const input = makePart10([
      ...imageElements({ rows: ROWS, cols: COLS, bitsAllocated: 32, pi: 'MONOCHROME2' }, null).filter((e) => e.tag !== T.BitsStored && e.tag !== T.HighBit && e.tag !== T.PixelRepresentation),
      { tag: T.BurnedInAnnotation, vr: 'CS', value: 'YES' },
      { tag: 0x7fe00008, vr: 'OF', value: new Uint8Array(ROWS * COLS * 4) },
    ].sort((a, b) => a.tag - b.tag), { transferSyntax: TS.ExplicitLE });
    const r = await deidentifyFile(new MemorySource(input), sink, makeTestSession(), { burnedIn: 'refuse' });
    expect(r.status).toBe('refused');
    expect(sink.size).toBe(0);
  });

  it('refuses float pixel data it cannot redact (three samples per pixel) rather than writing it unredacted', async () => {
    const { result } = await run(floatImage(4, true, { spp: 3 }));
    expect(result.status).toBe('refused');
    expect(reasonText(result)).toMatch(/Float Pixel Data with more than one sample per pixel/);
  });
});
