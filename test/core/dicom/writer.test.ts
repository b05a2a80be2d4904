// writePart10: unmodified data sets round-trip byte for byte in every transfer syntax, the file
// meta group length is recomputed, pixel data is copied unchanged, big endian stays big endian,
// deflated output inflates to the data set, group lengths are dropped, odd values padded, and a
// BlobSource gives the same output as a MemorySource.

import { describe, expect, it } from 'vitest';
import { bytesElement, type Item } from '../../../src/core/dicom/dataset.ts';
import { readPart10, type DicomFile } from '../../../src/core/dicom/reader.ts';
import { tag } from '../../../src/core/dicom/tag.ts';
import { transferSyntaxInfo } from '../../../src/core/dicom/transfer-syntax.ts';
import { encodeNumbers } from '../../../src/core/dicom/value-codec.ts';
import { writePart10 } from '../../../src/core/dicom/writer.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { BlobSource, MemorySource } from '../../../src/core/io/byte-source.ts';
import { T, TS, ascii, concat, ctElements, encodeElements, makeCtLike, makePart10, type FxElement } from '../../fixtures/make.ts';
import { at, dataSetStart, inflatedDataSet, indexOf, metaGroupLength, numbers, raw, read, text } from '../helpers.ts';

async function rewrite(f: DicomFile, overrides: Partial<Parameters<typeof writePart10>[0]> = {}): Promise<Uint8Array> {
  const sink = new MemorySink();
  const n = await writePart10(
    { source: f.source, meta: f.meta, dataset: f.dataset, encoding: f.encoding, deflate: transferSyntaxInfo(f.transferSyntaxUID).deflated, ...overrides },
    sink,
  );
  expect(n).toBe(sink.size);
  return sink.bytes();
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

const ALL = [
  TS.ImplicitLE, TS.ExplicitLE, TS.ExplicitBE, TS.DeflatedLE, TS.EncapsulatedUncompressedLE, TS.JPEGBaseline,
  TS.RLELossless, TS.JPEG2000Lossless, TS.HTJ2KLossless,
];

describe('writePart10 round trip', () => {
  it.each(ALL)('%s: the data set part is byte-identical and (0002,0000) is correct', async (ts) => {
    for (const undefinedLengthSequences of [false, true]) {
      const input = makeCtLike({ transferSyntax: ts, undefinedLengthSequences, frames: 2, fragmentsPerFrame: 2, offsetTable: true });
      const out = await rewrite(await read(input));
      expect(Array.from(out.subarray(0, 132))).toEqual([...new Array(128).fill(0), 0x44, 0x49, 0x43, 0x4d]);
      const gl = metaGroupLength(out);
      expect(gl.declared).toBe(gl.counted);
      if (ts === TS.DeflatedLE) {
        expect(same(inflatedDataSet(out), inflatedDataSet(input))).toBe(true);
      } else {
        expect(same(out.subarray(dataSetStart(out)), input.subarray(dataSetStart(input)))).toBe(true);
        // The fixture's meta holds the same elements: the whole file is identical.
        expect(same(out, input)).toBe(true);
      }
    }
  });

  it('file meta is rewritten with a recomputed group length even when the input declares a wrong one', async () => {
    const input = makePart10(ctElements({ noPixelData: true }), {
      transferSyntax: TS.ExplicitLE,
      extraMeta: [{ tag: T.SourceApplicationEntityTitle, vr: 'AE', value: 'SENDER' }],
    });
    // Corrupt the declared (0002,0000) value: the reader scans group 0002 instead of trusting it.
    const bad = input.slice();
    new DataView(bad.buffer).setUint32(140, 4, true);
    const f = await read(bad);
    expect(text(at(f.meta, T.SourceApplicationEntityTitle))).toBe('SENDER');
    const out = await rewrite(f);
    const gl = metaGroupLength(out);
    expect(gl.declared).toBe(gl.counted);
    expect(gl.declared).toBe(metaGroupLength(input).declared);
    expect(same(out.subarray(dataSetStart(out)), input.subarray(dataSetStart(input)))).toBe(true);
  });

  it('pixel data (native bulk and fragments) is copied byte for byte', async () => {
    for (const ts of [TS.ExplicitLE, TS.ExplicitBE, TS.RLELossless]) {
      const input = makeCtLike({ transferSyntax: ts, rows: 256, cols: 256 });
      const f = await read(input);
      const out = await read(await rewrite(f));
      const a = at(f.dataset, T.PixelData)!;
      const b = at(out.dataset, T.PixelData)!;
      expect(b.value.kind).toBe(a.value.kind);
      if (a.value.kind === 'bulk' && b.value.kind === 'bulk') {
        const x = await f.source.read(a.value.range.offset, a.value.range.length);
        const y = await out.source.read(b.value.range.offset, b.value.range.length);
        expect(y.length).toBe(256 * 256 * 2);
        expect(same(x, y)).toBe(true);
      } else if (a.value.kind === 'fragments' && b.value.kind === 'fragments') {
        expect(b.value.fragments.length).toBe(a.value.fragments.length);
        for (let i = 0; i < a.value.fragments.length; i++) {
          const fa = a.value.fragments[i];
          const fb = b.value.fragments[i];
          expect(same(await f.source.read(fa.offset, fa.length), await out.source.read(fb.offset, fb.length))).toBe(true);
        }
      } else throw new Error(`unexpected pixel value ${a.value.kind}`);
    }
  });

  it('big endian is written big endian: headers, lengths and US values', async () => {
    const input = makeCtLike({ transferSyntax: TS.ExplicitBE });
    const f = await read(input);
    const rowsEl = at(f.dataset, T.Rows)!;
    // Replace Rows by 0x0102 encoded for the data set's byte order, and add an odd-length string.
    const dataset: Item = {
      ...f.dataset,
      elements: f.dataset.elements.map((e) =>
        e.tag === T.Rows ? bytesElement(T.Rows, 'US', encodeNumbers([0x0102], 'US', false)) : e.tag === T.StudyID ? bytesElement(T.StudyID, 'SH', ascii('ODD')) : e),
    };
    expect(rowsEl.vr).toBe('US');
    const out = await rewrite(f, { dataset });
    // (0028,0010) US, length 2, value 0x0102: all big endian.
    expect(indexOf(out, [0x00, 0x28, 0x00, 0x10, 0x55, 0x53, 0x00, 0x02, 0x01, 0x02])).toBeGreaterThan(132);
    // (0020,0010) SH, length 4 (padded with a space).
    expect(indexOf(out, [0x00, 0x20, 0x00, 0x10, 0x53, 0x48, 0x00, 0x04, 0x4f, 0x44, 0x44, 0x20])).toBeGreaterThan(132);
    // Columns untouched: 16 big endian.
    expect(indexOf(out, [0x00, 0x28, 0x00, 0x11, 0x55, 0x53, 0x00, 0x02, 0x00, 0x10])).toBeGreaterThan(132);
    // Item tags of sequences are big endian too.
    expect(indexOf(out, [0xff, 0xfe, 0xe0, 0x00])).toBeGreaterThan(132);
    expect(indexOf(out, [0xfe, 0xff, 0x00, 0xe0], dataSetStart(out))).toBe(-1);
    const again = await read(out);
    expect(again.encoding).toEqual({ explicitVR: true, littleEndian: false });
    expect(numbers(at(again.dataset, T.Rows), false)).toEqual([0x0102]);
    expect(text(at(again.dataset, T.StudyID))).toBe('ODD');
  });

  it('deflated output inflates to the expected explicit VR LE data set', async () => {
    const els = ctElements({ transferSyntax: TS.DeflatedLE });
    const input = makePart10(els, { transferSyntax: TS.DeflatedLE });
    const out = await rewrite(await read(input));
    expect(text(at((await read(out)).meta, T.TransferSyntaxUID))).toBe(TS.DeflatedLE);
    expect(same(inflatedDataSet(out), encodeElements(els, { explicitVR: true, littleEndian: true }))).toBe(true);
  });

  it('group lengths in the data set are dropped; odd values are padded per VR', async () => {
    const els: FxElement[] = [
      { tag: 0x00080000, vr: 'UL', value: [1234] },
      { tag: T.SOPClassUID, vr: 'UI', value: ascii('1.2.840.10008.5.1.4.1.1.7'), rawLength: 25 },
      { tag: T.SOPInstanceUID, vr: 'UI', value: '1.2.3.4' },
      { tag: 0x00100000, vr: 'UL', value: [20] },
      { tag: T.PatientName, vr: 'PN', value: ascii('Odd^Name^X'.slice(0, 9)), rawLength: 9 },
      { tag: 0x00091010, vr: 'OB', value: new Uint8Array([1, 2, 3]), rawLength: 3 },
    ];
    const f = await read(makePart10(els, { transferSyntax: TS.ExplicitLE }));
    expect(at(f.dataset, 0x00080000)).toBeDefined();
    const out = await rewrite(f);
    const again = await read(out);
    expect(at(again.dataset, 0x00080000)).toBeUndefined();
    expect(at(again.dataset, 0x00100000)).toBeUndefined();
    expect(Array.from(raw(at(again.dataset, T.SOPClassUID)).slice(-1))).toEqual([0]);
    expect(raw(at(again.dataset, T.SOPClassUID)).length).toBe(26);
    expect(Array.from(raw(at(again.dataset, T.PatientName)))).toEqual([...ascii('Odd^Name^'), 0x20]);
    expect(Array.from(raw(at(again.dataset, 0x00091010)))).toEqual([1, 2, 3, 0]);
    // Every value length in the output is even.
    expect(out.length % 2).toBe(0);
  });

  it('an implicit VR item found in an explicit VR file is written in explicit VR and re-reads cleanly', async () => {
    const body = encodeElements([
      { tag: T.ReferencedSOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7' },
      { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: '1.2.3.4.5' },
    ], { explicitVR: false, littleEndian: true });
    const hdr = new Uint8Array(8);
    new DataView(hdr.buffer).setUint32(0, 0xe000fffe, true);
    new DataView(hdr.buffer).setUint32(4, body.length, true);
    const input = makePart10([
      { tag: T.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7' },
      { tag: T.ReferencedImageSequence, vr: 'SQ', value: concat([hdr, body]) },
      { tag: T.PatientName, vr: 'PN', value: 'A^B' },
    ], { transferSyntax: TS.ExplicitLE });
    const f = await read(input);
    expect(f.warnings.length).toBeGreaterThan(0);
    const again = await read(await rewrite(f));
    expect(again.warnings).toEqual([]);
    expect(at(again.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID)!.vr).toBe('UI');
    expect(text(at(again.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID))).toBe('1.2.3.4.5');
    expect(text(at(again.dataset, T.PatientName))).toBe('A^B');
  });

  it('a UN sequence (undefined length, implicit VR LE inside) round-trips in explicit VR LE', async () => {
    const input = makePart10([
      { tag: T.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7' },
      { tag: T.ReferencedImageSequence, vr: 'UN', undefinedLength: true, value: [{ elements: [{ tag: T.Rows, vr: 'US', value: [258] }] }] },
    ], { transferSyntax: TS.ExplicitLE });
    const out = await rewrite(await read(input));
    expect(same(out, input)).toBe(true);
  });

  it('a UN sequence in a big endian file keeps its little endian content (PS3.5 §6.2.2)', async () => {
    // Explicit VR BE data set; the UN value (a defined-length sequence) is implicit VR little endian.
    const unValue = encodeElements([{ tag: T.ReferencedImageSequence, vr: 'UN', value: [{ elements: [
      { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: '1.2.3.4' },
      { tag: T.Rows, vr: 'US', value: [258] },
    ] }] }], { explicitVR: true, littleEndian: true }).subarray(12);
    const input = makePart10([
      { tag: T.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7' },
      { tag: T.ReferencedImageSequence, vr: 'UN', value: unValue },
      { tag: T.PatientName, vr: 'PN', value: 'Big^Endian' },
    ], { transferSyntax: TS.ExplicitBE });
    const f = await read(input);
    const rowsIn = at(f.dataset, T.ReferencedImageSequence, 0, T.Rows)!;
    const seqIn = at(f.dataset, T.ReferencedImageSequence)!;
    const itemLe = seqIn.value.kind === 'sequence' ? (seqIn.value.items[0].encoding?.littleEndian ?? f.encoding.littleEndian) : true;
    expect(numbers(rowsIn, itemLe)).toEqual([258]);
    const out = await rewrite(f);
    const again = await read(out);
    const seq = at(again.dataset, T.ReferencedImageSequence)!;
    if (seq.value.kind !== 'sequence') throw new Error('not a sequence');
    const le = seq.value.items[0].encoding?.littleEndian ?? again.encoding.littleEndian;
    expect(numbers(at(again.dataset, T.ReferencedImageSequence, 0, T.Rows), le)).toEqual([258]);
    expect(text(at(again.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID))).toBe('1.2.3.4');
    expect(text(at(again.dataset, T.PatientName))).toBe('Big^Endian');
  });

  it('an undefined-length UN sequence in a big endian file round-trips', async () => {
    // Items and the sequence delimiter inside the UN value are implicit VR little endian.
    const items = encodeElements([{ tag: T.ReferencedImageSequence, vr: 'UN', undefinedLength: true, value: [{ elements: [
      { tag: T.Rows, vr: 'US', value: [258] },
    ] }] }], { explicitVR: true, littleEndian: true }).subarray(12);
    const header = Uint8Array.from([0x00, 0x08, 0x11, 0x40, 0x55, 0x4e, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    const rest = encodeElements([{ tag: T.PatientName, vr: 'PN', value: 'Big^Endian' }], { explicitVR: true, littleEndian: false });
    const first = makePart10([{ tag: T.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7' }], { transferSyntax: TS.ExplicitBE });
    const input = concat([first, header, items, rest]);
    const f = await read(input);
    expect(numbers(at(f.dataset, T.ReferencedImageSequence, 0, T.Rows))).toEqual([258]);
    const out = await rewrite(f);
    expect(same(out, input)).toBe(true);
  });
});

describe('writePart10 sources', () => {
  it('a BlobSource gives the same output as a MemorySource (bulk copied in slices)', async () => {
    // A 5 MiB private OB: larger than the writer's 4 MiB copy slice and than the reader's window.
    const big = Uint8Array.from({ length: 5 * 1024 * 1024 + 2 }, (_, i) => (i * 31) >> 3);
    const input = makeCtLike({ rows: 256, cols: 256, extra: [{ tag: 0x00091003, vr: 'OB', value: big }] });
    const viaMemory = await rewrite(await readPart10(new MemorySource(input)));
    const viaBlob = await rewrite(await readPart10(new BlobSource(new Blob([input as Uint8Array<ArrayBuffer>]))));
    expect(same(viaBlob, viaMemory)).toBe(true);
    expect(same(viaBlob, input)).toBe(true);
  });

  it('values around the staging buffer size go out in order, byte for byte', async () => {
    // 15 KiB fits the writer's 16 KiB staging buffer; 17 and 70 KiB do not and go to the sink
    // directly after what is staged; small elements follow each, so order mistakes show.
    const fill = (n: number, k: number) => Uint8Array.from({ length: n }, (_, i) => (i * k + 7) & 0xff);
    const extra = [15 * 1024, 17 * 1024, 70 * 1024, 300 * 1024].flatMap((n, j) => [
      { tag: 0x00091000 + 2 * j + 0x10, vr: 'OB', value: fill(n, j + 3) },
      { tag: 0x00091000 + 2 * j + 0x11, vr: 'LO', value: ascii(`after ${n}`) },
    ]);
    const input = makeCtLike({ rows: 64, cols: 64, extra: [{ tag: 0x00090010, vr: 'LO', value: ascii('VEIL TEST') }, ...extra] });
    const out = await rewrite(await read(input));
    expect(same(out, input)).toBe(true);
  });

  it('meta elements outside group 0002 are not written into the meta', async () => {
    const f = await read(makeCtLike({ noPixelData: true }));
    const meta: Item = { ...f.meta, elements: [...f.meta.elements, bytesElement(tag(0x0008, 0x0016), 'UI', ascii('1.2'))] };
    const out = await rewrite(f, { meta });
    const gl = metaGroupLength(out);
    expect(gl.declared).toBe(gl.counted);
    expect(gl.declared).toBe(metaGroupLength(makeCtLike({ noPixelData: true })).declared);
  });
});
