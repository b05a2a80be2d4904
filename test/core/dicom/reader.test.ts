// readPart10 on synthetic files for every transfer syntax family: element VRs and values, bulk
// values left as byte ranges of the source, encapsulated fragments, undefined lengths, UN
// sequences (PS3.5 §6.2.2), private creators, group lengths, mislabelled implicit VR items,
// files without preamble or file meta, and BlobSource windows.

import { describe, expect, it } from 'vitest';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { BlobSource, MemorySource } from '../../../src/core/io/byte-source.ts';
import { CT_VALUES, T, TS, ascii, concat, ctElements, encodeElements, encodedFrame, frameBytesLE, makeCtLike, makePart10, type FxElement } from '../../fixtures/make.ts';
import { at, numbers, raw, read, text } from '../helpers.ts';
import { warningTexts } from '../../helpers/messages.ts';

const IMPLICIT = { explicitVR: false, littleEndian: true };
const EXPLICIT_LE = { explicitVR: true, littleEndian: true };
const EXPLICIT_BE = { explicitVR: true, littleEndian: false };

const NATIVE: [string, { explicitVR: boolean; littleEndian: boolean }][] = [
  [TS.ImplicitLE, IMPLICIT],
  [TS.ExplicitLE, EXPLICIT_LE],
  [TS.ExplicitBE, EXPLICIT_BE],
  [TS.DeflatedLE, EXPLICIT_LE],
];
const ENCAPSULATED = [TS.JPEGBaseline, TS.RLELossless, TS.JPEG2000Lossless, TS.HTJ2KLossless, TS.JPEGLSLossless, TS.EncapsulatedUncompressedLE];

const SC = '1.2.840.10008.5.1.4.1.1.7';
const head = (): FxElement[] => [
  { tag: T.SOPClassUID, vr: 'UI', value: SC },
  { tag: T.SOPInstanceUID, vr: 'UI', value: '1.2.826.0.1.3680043.9999.7.1' },
];

describe('readPart10: every transfer syntax', () => {
  it.each(NATIVE)('%s: header values, VRs, nesting and native pixel data', async (ts, enc) => {
    const f = await read(makeCtLike({ transferSyntax: ts }));
    expect(f.transferSyntaxUID).toBe(ts);
    expect(f.transferSyntaxInferred).toBe(false);
    expect(f.hadPreamble).toBe(true);
    expect(f.encoding).toEqual(enc);
    expect(f.warnings).toEqual([]);
    const pn = at(f.dataset, T.PatientName)!;
    expect(pn.vr).toBe('PN');
    expect(text(pn)).toBe(CT_VALUES.patientName);
    expect(at(f.dataset, T.StudyInstanceUID)!.vr).toBe('UI');
    expect(text(at(f.dataset, T.StudyInstanceUID))).toBe(CT_VALUES.studyInstanceUID);
    expect(Array.from(raw(at(f.dataset, T.SOPClassUID)).slice(-2))).toEqual([0x32, 0]); // odd UI: NUL pad kept as read
    const rows = at(f.dataset, T.Rows)!;
    expect(rows.vr).toBe('US');
    expect(numbers(rows, enc.littleEndian)).toEqual([16]);
    expect(Array.from(raw(rows))).toEqual(enc.littleEndian ? [16, 0] : [0, 16]);
    expect(at(f.dataset, T.ImagePositionPatient)!.vr).toBe('DS');
    expect(text(at(f.dataset, T.ImagePositionPatient))).toBe('-125\\-125\\-40');
    // Two levels of nesting.
    const req = at(f.dataset, T.RequestAttributesSequence)!;
    expect(req.vr).toBe('SQ');
    expect(req.value.kind).toBe('sequence');
    expect(text(at(f.dataset, T.RequestAttributesSequence, 0, T.PatientName))).toBe(CT_VALUES.patientName);
    expect(text(at(f.dataset, T.RequestAttributesSequence, 0, T.ReferencedStudySequence, 0, T.ReferencedSOPInstanceUID))).toBe(CT_VALUES.studyInstanceUID);
    // Elements come out in ascending tag order at every level.
    const tags = f.dataset.elements.map((e) => e.tag);
    expect(tags).toEqual([...tags].sort((a, b) => a - b));
    // Native pixel data: 16x16x16 bits.
    const px = at(f.dataset, T.PixelData)!;
    expect(px.vr).toBe('OW');
    const bytes = raw(px);
    expect(bytes.length).toBe(512);
    expect(numbers(px, enc.littleEndian)).toEqual(Array.from(new Uint16Array(frameBytesLE(16, 16, 0, 16).buffer)));
  });

  it('private creators are LO and private data elements keep their explicit VR (UN in implicit VR)', async () => {
    for (const ts of [TS.ExplicitLE, TS.ImplicitLE]) {
      const f = await read(makeCtLike({ transferSyntax: ts }));
      const creator = at(f.dataset, 0x00090010)!;
      expect(creator.vr).toBe('LO');
      expect(text(creator)).toBe(CT_VALUES.privateCreator);
      const value = at(f.dataset, 0x00091001)!;
      expect(value.vr).toBe(ts === TS.ImplicitLE ? 'UN' : 'LO');
      expect(text(value)).toBe(CT_VALUES.privateValue);
      const seq = at(f.dataset, 0x00091002)!;
      if (ts === TS.ExplicitLE) {
        expect(seq.vr).toBe('SQ');
        expect(text(at(f.dataset, 0x00091002, 0, T.PatientID))).toBe(CT_VALUES.patientId);
      } else {
        // A defined-length private sequence in implicit VR cannot be recognised without a private dictionary.
        expect(seq.vr).toBe('UN');
        expect(seq.value.kind).toBe('bytes');
      }
    }
  });

  it.each(ENCAPSULATED)('%s: encapsulated pixel data as byte ranges of the source (offset table first)', async (ts) => {
    const bytes = makeCtLike({ transferSyntax: ts, frames: 2, fragmentsPerFrame: 2, offsetTable: true });
    const f = await read(bytes);
    expect(f.transferSyntaxUID).toBe(ts);
    expect(f.encoding).toEqual(EXPLICIT_LE);
    const px = at(f.dataset, T.PixelData)!;
    expect(px.undefinedLength).toBe(true);
    expect(px.vr).toBe('OB');
    if (px.value.kind !== 'fragments') throw new Error('not fragments');
    const frags = px.value.fragments;
    // Offset table (2 frames x 4 bytes) + 2 fragments per frame.
    expect(frags.length).toBe(5);
    expect(frags[0].length).toBe(8);
    const bot = new DataView(bytes.buffer, frags[0].offset, 8);
    expect(bot.getUint32(0, true)).toBe(0);
    const read2 = (r: { offset: number; length: number }) => bytes.subarray(r.offset, r.offset + r.length);
    for (let frame = 0; frame < 2; frame++) {
      const bits = ts === TS.JPEGBaseline ? 8 : 16;
      const expected = encodedFrame(ts, 16, 16, frame, bits);
      const got = concat([read2(frags[1 + 2 * frame]), read2(frags[2 + 2 * frame])]);
      // The last fragment of a frame may carry one pad byte.
      expect(Array.from(got.subarray(0, expected.length))).toEqual(Array.from(expected));
      expect(got.length - expected.length).toBeLessThanOrEqual(1);
    }
    // Each range starts right after its item header (FFFE,E000).
    for (const r of frags) expect(Array.from(bytes.subarray(r.offset - 8, r.offset - 4))).toEqual([0xfe, 0xff, 0x00, 0xe0]);
  });

  it('bulk values (> 64 KiB) stay byte ranges of the source, not copies', async () => {
    const big = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 7) & 0xff);
    for (const ts of [TS.ExplicitLE, TS.ImplicitLE, TS.ExplicitBE]) {
      const bytes = makeCtLike({ transferSyntax: ts, rows: 256, cols: 256, extra: [{ tag: T.EncapsulatedDocument, vr: 'OB', value: big }] });
      const f = await read(bytes);
      const px = at(f.dataset, T.PixelData)!;
      expect(px.value.kind).toBe('bulk');
      if (px.value.kind !== 'bulk') return;
      expect(px.value.range.length).toBe(256 * 256 * 2);
      const pxBytes = bytes.subarray(px.value.range.offset, px.value.range.offset + px.value.range.length);
      const le = frameBytesLE(256, 256, 0, 16);
      if (ts === TS.ExplicitBE) {
        expect(pxBytes[0]).toBe(le[1]);
        expect(pxBytes[3]).toBe(le[2]);
      } else expect(Buffer.compare(Buffer.from(pxBytes), Buffer.from(le))).toBe(0);
      const doc = at(f.dataset, T.EncapsulatedDocument)!;
      expect(doc.value.kind).toBe('bulk');
      if (doc.value.kind !== 'bulk') return;
      // Odd declared length 70002 (padded by the fixture): the range covers the value as stored.
      expect(doc.value.range.length).toBe(70_002);
      expect(Array.from(bytes.subarray(doc.value.range.offset, doc.value.range.offset + 5))).toEqual(Array.from(big.subarray(0, 5)));
      // Elements after the bulk value are still parsed.
      expect(text(at(f.dataset, T.PatientName))).toBe(CT_VALUES.patientName);
    }
  });

  it('bulkThreshold applies to any value', async () => {
    const f = await readPart10(new MemorySource(makeCtLike()), { bulkThreshold: 16 });
    expect(at(f.dataset, T.PatientName)!.value.kind).toBe('bytes'); // 10 bytes
    const comments = at(f.dataset, T.ImageComments)!;
    expect(comments.value).toMatchObject({ kind: 'bulk', range: { length: 32 } });
  });

  it('undefined-length sequences and items parse to the same values', async () => {
    for (const ts of [TS.ExplicitLE, TS.ImplicitLE, TS.ExplicitBE]) {
      const f = await read(makeCtLike({ transferSyntax: ts, undefinedLengthSequences: true }));
      const seq = at(f.dataset, T.ReferencedImageSequence)!;
      expect(seq.undefinedLength).toBe(true);
      if (seq.value.kind !== 'sequence') throw new Error('not a sequence');
      expect(seq.value.items).toHaveLength(1);
      expect(seq.value.items[0].undefinedLength).toBe(true);
      expect(text(at(f.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID))).toBe(CT_VALUES.referencedSOPInstanceUID);
      expect(text(at(f.dataset, T.RequestAttributesSequence, 0, T.ReferencedStudySequence, 0, T.ReferencedSOPClassUID))).toBe('1.2.840.10008.3.1.2.3.1');
      expect(text(at(f.dataset, T.PatientID))).toBe(CT_VALUES.patientId); // after the sequences
    }
  });

  it('UN with undefined length holds implicit VR LE items (PS3.5 §6.2.2)', async () => {
    const els: FxElement[] = [
      ...head(),
      { tag: T.ReferencedImageSequence, vr: 'UN', undefinedLength: true, value: [{ elements: [
        { tag: T.ReferencedSOPClassUID, vr: 'UI', value: SC },
        { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: '1.2.3.4' },
        { tag: T.Rows, vr: 'US', value: [258] },
      ] }] },
      { tag: T.PatientName, vr: 'PN', value: 'Un^Defined' },
    ];
    const f = await read(makePart10(els, { transferSyntax: TS.ExplicitLE }));
    const seq = at(f.dataset, T.ReferencedImageSequence)!;
    expect(seq.vr).toBe('UN');
    expect(seq.undefinedLength).toBe(true);
    if (seq.value.kind !== 'sequence') throw new Error('not a sequence');
    expect(seq.value.items[0].encoding).toEqual(IMPLICIT);
    const inner = at(f.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID)!;
    expect(inner.vr).toBe('UI'); // from the dictionary
    expect(text(inner)).toBe('1.2.3.4');
    expect(numbers(at(f.dataset, T.ReferencedImageSequence, 0, T.Rows))).toEqual([258]);
    expect(text(at(f.dataset, T.PatientName))).toBe('Un^Defined');
  });

  it('UN with defined length whose dictionary VR is SQ is read as a sequence; other standard UN get their VR', async () => {
    const els: FxElement[] = [
      ...head(),
      { tag: T.ReferencedImageSequence, vr: 'UN', value: [{ elements: [
        { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: '1.2.3.4' },
        { tag: T.Rows, vr: 'US', value: [258] },
      ] }] },
      { tag: T.PatientName, vr: 'UN', value: ascii('Un^Known ') },
      { tag: 0x00091010, vr: 'UN', value: ascii('PRIVATE ') },
    ];
    const f = await read(makePart10(els, { transferSyntax: TS.ExplicitLE }));
    const seq = at(f.dataset, T.ReferencedImageSequence)!;
    expect(seq.vr).toBe('SQ');
    expect(text(at(f.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID))).toBe('1.2.3.4');
    expect(numbers(at(f.dataset, T.ReferencedImageSequence, 0, T.Rows))).toEqual([258]);
    expect(at(f.dataset, T.PatientName)!.vr).toBe('PN');
    expect(text(at(f.dataset, T.PatientName))).toBe('Un^Known');
    expect(at(f.dataset, 0x00091010)!.vr).toBe('UN');
  });

  it('a private creator stored as UN in explicit VR is read as LO (as in implicit VR)', async () => {
    const els: FxElement[] = [...head(), { tag: 0x00190010, vr: 'UN', value: ascii('GEMS_ACQU_01') }, { tag: 0x00191023, vr: 'UN', value: ascii('39.37 ') }];
    const f = await read(makePart10(els, { transferSyntax: TS.ExplicitLE }));
    expect(at(f.dataset, 0x00190010)!.vr).toBe('LO');
    expect(text(at(f.dataset, 0x00190010))).toBe('GEMS_ACQU_01');
    expect(at(f.dataset, 0x00191023)!.vr).toBe('UN');
  });

  it('a UN whose dictionary VR is SQ but whose value is not items stays opaque bytes', async () => {
    const els: FxElement[] = [...head(), { tag: T.ReferencedImageSequence, vr: 'UN', value: ascii('NOT ITEMS!') }];
    const f = await read(makePart10(els, { transferSyntax: TS.ExplicitLE }));
    const el = at(f.dataset, T.ReferencedImageSequence)!;
    expect(el.vr).toBe('UN');
    expect(text(el)).toBe('NOT ITEMS!');
  });

  it('group length elements are read as UL values', async () => {
    const els: FxElement[] = [
      { tag: 0x00080000, vr: 'UL', value: [999] },
      ...head(),
      { tag: 0x00100000, vr: 'UL', value: [18] },
      { tag: T.PatientName, vr: 'PN', value: 'Group^Len' },
    ];
    for (const ts of [TS.ExplicitLE, TS.ImplicitLE]) {
      const f = await read(makePart10(els, { transferSyntax: ts }));
      const gl = at(f.dataset, 0x00080000)!;
      expect(gl.vr).toBe('UL');
      expect(numbers(gl)).toEqual([999]);
      expect(numbers(at(f.dataset, 0x00100000))).toEqual([18]);
      expect(text(at(f.dataset, T.PatientName))).toBe('Group^Len');
    }
  });

  it('an implicit VR item inside an explicit VR file is detected and read with dictionary VRs', async () => {
    const body = encodeElements([
      { tag: T.ReferencedSOPClassUID, vr: 'UI', value: SC },
      { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: '1.2.3.4.5' },
      { tag: T.Rows, vr: 'US', value: [512] },
    ], IMPLICIT);
    const itemHeader = new Uint8Array(8);
    new DataView(itemHeader.buffer).setUint32(0, 0xe000fffe, true);
    new DataView(itemHeader.buffer).setUint32(4, body.length, true);
    const els: FxElement[] = [
      ...head(),
      { tag: T.ReferencedImageSequence, vr: 'SQ', value: concat([itemHeader, body]) },
      { tag: T.PatientName, vr: 'PN', value: 'After^Item' },
    ];
    const f = await read(makePart10(els, { transferSyntax: TS.ExplicitLE }));
    expect(warningTexts(f).some((w) => /implicit VR although the transfer syntax says explicit/.test(w))).toBe(true);
    const uid = at(f.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID)!;
    expect(uid.vr).toBe('UI');
    expect(text(uid)).toBe('1.2.3.4.5');
    expect(at(f.dataset, T.ReferencedImageSequence, 0, T.Rows)!.vr).toBe('US');
    expect(numbers(at(f.dataset, T.ReferencedImageSequence, 0, T.Rows))).toEqual([512]);
    expect(text(at(f.dataset, T.PatientName))).toBe('After^Item');
  });

  it('reads files without preamble, without file meta, and bare data sets (transfer syntax inferred)', async () => {
    const els = ctElements({ noPixelData: true });
    const noPreamble = await read(makePart10(els, { transferSyntax: TS.ExplicitLE, preamble: false }));
    expect(noPreamble.hadPreamble).toBe(false);
    expect(noPreamble.transferSyntaxUID).toBe(TS.ExplicitLE);
    expect(text(at(noPreamble.meta, T.MediaStorageSOPInstanceUID))).toBe(CT_VALUES.sopInstanceUID);
    expect(text(at(noPreamble.dataset, T.PatientName))).toBe(CT_VALUES.patientName);

    for (const [ts, enc] of NATIVE.filter(([t]) => t !== TS.DeflatedLE)) {
      for (const preamble of [true, false]) {
        const f = await read(makePart10(els, { transferSyntax: ts, preamble, meta: false }));
        expect(f.meta.elements).toEqual([]);
        expect(f.hadPreamble).toBe(preamble);
        expect(f.transferSyntaxUID).toBe(ts);
        expect(f.transferSyntaxInferred).toBe(true);
        expect(f.encoding).toEqual(enc);
        expect(text(at(f.dataset, T.PatientName))).toBe(CT_VALUES.patientName);
        expect(numbers(at(f.dataset, T.Rows), enc.littleEndian)).toEqual([16]);
        expect(warningTexts(f).some((w) => w.includes('inferred'))).toBe(true);
      }
    }
  });

  it('a deflated data set is inflated and its ranges refer to the inflated bytes', async () => {
    const bytes = makeCtLike({ transferSyntax: TS.DeflatedLE, rows: 256, cols: 256 });
    const f = await read(bytes);
    expect(f.source).not.toBeInstanceOf(BlobSource);
    expect(f.source.size).toBeGreaterThan(bytes.length); // a gradient compresses well
    const px = at(f.dataset, T.PixelData)!;
    if (px.value.kind !== 'bulk') throw new Error('expected bulk');
    const got = await f.source.read(px.value.range.offset, px.value.range.length);
    expect(Buffer.compare(Buffer.from(got), Buffer.from(frameBytesLE(256, 256, 0, 16)))).toBe(0);
  });

  it('BlobSource (windowed reads) gives the same data set as MemorySource', async () => {
    const bytes = makeCtLike({
      rows: 256, cols: 256, undefinedLengthSequences: true,
      extra: [{ tag: 0x00091003, vr: 'OB', value: new Uint8Array(65_530).fill(0x5a) }, { tag: T.ImageComments, vr: 'LT', value: 'x'.repeat(60_000) }],
    });
    const a = await readPart10(new MemorySource(bytes));
    const b = await readPart10(new BlobSource(new Blob([bytes as Uint8Array<ArrayBuffer>])));
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)));
    expect(strip(b.dataset)).toEqual(strip(a.dataset));
    expect(strip(b.meta)).toEqual(strip(a.meta));
    expect(b.warnings).toEqual(a.warnings);
  });
});
