// Self-test of the fixture builder (test/fixtures): exact bytes per encoding, sequences,
// encapsulation, file meta group length, deflate round trip.

import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeElements, makePart10, T, TS, type FxElement } from '../fixtures/make.ts';

const LE = { explicitVR: true, littleEndian: true };
const IMPL = { explicitVR: false, littleEndian: true };
const BE = { explicitVR: true, littleEndian: false };
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');
const enc1 = (e: FxElement, enc = LE): string => hex(encodeElements([e], enc));
const NAME = '44 6F 65 5E 4A 61 6E 65';
const pn: FxElement = { tag: T.PatientName, vr: 'PN', value: 'Doe^Jane' };

describe('element encoding', () => {
  it('PatientName in explicit LE, implicit LE and explicit BE', () => {
    expect(enc1(pn)).toBe(`10 00 10 00 50 4E 08 00 ${NAME}`);
    expect(enc1(pn, IMPL)).toBe(`10 00 10 00 08 00 00 00 ${NAME}`);
    expect(enc1(pn, BE)).toBe(`00 10 00 10 50 4E 00 08 ${NAME}`);
  });

  it('pads odd strings with space, UI with NUL, OB with 0x00; joins multiple values with \\', () => {
    expect(enc1({ tag: T.PatientID, vr: 'LO', value: 'ABC' })).toBe('10 00 20 00 4C 4F 04 00 41 42 43 20');
    expect(enc1({ tag: T.SOPClassUID, vr: 'UI', value: '1.2.3' })).toBe('08 00 16 00 55 49 06 00 31 2E 32 2E 33 00');
    expect(enc1({ tag: T.ImageType, vr: 'CS', value: ['A', 'BC'] })).toBe('08 00 08 00 43 53 04 00 41 5C 42 43');
    expect(enc1({ tag: 0x00091010, vr: 'OB', value: new Uint8Array([1, 2, 3]) })).toBe('09 00 10 10 4F 42 00 00 04 00 00 00 01 02 03 00');
    expect(enc1({ tag: T.PatientWeight, vr: 'DS', value: [65.5] })).toBe('10 00 30 10 44 53 04 00 36 35 2E 35');
  });

  it('uses reserved bytes + 4-byte length for long VRs in explicit VR', () => {
    expect(enc1({ tag: T.FileMetaInformationVersion, vr: 'OB', value: new Uint8Array([0, 1]) })).toBe(
      '02 00 01 00 4F 42 00 00 02 00 00 00 00 01',
    );
    expect(enc1({ tag: T.ImageComments, vr: 'UT', value: 'hi' })).toBe('20 00 00 40 55 54 00 00 02 00 00 00 68 69');
    expect(enc1({ tag: T.ImageComments, vr: 'UT', value: 'hi' }, BE)).toBe('00 20 40 00 55 54 00 00 00 00 00 02 68 69');
    expect(enc1({ tag: T.ImageComments, vr: 'UT', value: 'hi' }, IMPL)).toBe('20 00 00 40 02 00 00 00 68 69');
  });

  it('encodes numbers by VR in the target byte order', () => {
    expect(enc1({ tag: T.Rows, vr: 'US', value: [512] })).toBe('28 00 10 00 55 53 02 00 00 02');
    expect(enc1({ tag: T.Rows, vr: 'US', value: [512] }, BE)).toBe('00 28 00 10 55 53 00 02 02 00');
    expect(enc1({ tag: 0x00091011, vr: 'SS', value: [-2] })).toBe('09 00 11 10 53 53 02 00 FE FF');
    expect(enc1({ tag: 0x00091012, vr: 'UL', value: [0x01020304] }, BE)).toBe('00 09 10 12 55 4C 00 04 01 02 03 04');
    expect(enc1({ tag: 0x00091013, vr: 'SL', value: [-1] })).toBe('09 00 13 10 53 4C 04 00 FF FF FF FF');
    expect(enc1({ tag: 0x00091014, vr: 'FL', value: [1] })).toBe('09 00 14 10 46 4C 04 00 00 00 80 3F');
    expect(enc1({ tag: 0x00091015, vr: 'FD', value: [1] }, BE)).toBe('00 09 10 15 46 44 00 08 3F F0 00 00 00 00 00 00');
    expect(enc1({ tag: 0x00091016, vr: 'AT', value: [T.PatientName] })).toBe('09 00 16 10 41 54 04 00 10 00 10 00');
    expect(enc1({ tag: 0x00091016, vr: 'AT', value: [T.PatientName] }, BE)).toBe('00 09 10 16 41 54 00 04 00 10 00 10');
    expect(enc1({ tag: 0x00091017, vr: 'SV', value: [-2] })).toBe('09 00 17 10 53 56 00 00 08 00 00 00 FE FF FF FF FF FF FF FF');
    expect(enc1({ tag: 0x00091018, vr: 'UV', value: [258] }, BE)).toBe('00 09 10 18 55 56 00 00 00 00 00 08 00 00 00 00 00 00 01 02');
  });

  it('swaps OW given as numbers in big endian but writes OW bytes as given', () => {
    expect(enc1({ tag: T.PixelData, vr: 'OW', value: [0x0102, 0x0304] }, BE)).toBe('7F E0 00 10 4F 57 00 00 00 00 00 04 01 02 03 04');
    expect(enc1({ tag: T.PixelData, vr: 'OW', value: [0x0102, 0x0304] })).toBe('E0 7F 10 00 4F 57 00 00 04 00 00 00 02 01 04 03');
    expect(enc1({ tag: T.PixelData, vr: 'OW', value: new Uint8Array([2, 1, 4, 3]) }, BE)).toBe('7F E0 00 10 4F 57 00 00 00 00 00 04 02 01 04 03');
  });

  it('writes defined-length sequences and items', () => {
    const sq: FxElement = {
      tag: T.ReferencedImageSequence,
      vr: 'SQ',
      value: [{ elements: [{ tag: T.ReferencedSOPClassUID, vr: 'UI', value: '1.2' }] }],
    };
    const item = '08 00 50 11 55 49 04 00 31 2E 32 00';
    expect(enc1(sq)).toBe(`08 00 40 11 53 51 00 00 14 00 00 00 FE FF 00 E0 0C 00 00 00 ${item}`);
    expect(enc1(sq, IMPL)).toBe('08 00 40 11 14 00 00 00 FE FF 00 E0 0C 00 00 00 08 00 50 11 04 00 00 00 31 2E 32 00');
    expect(enc1(sq, BE)).toBe('00 08 11 40 53 51 00 00 00 00 00 14 FF FE E0 00 00 00 00 0C 00 08 11 50 55 49 00 04 31 2E 32 00');
  });

  it('writes undefined-length sequences and items with delimiters', () => {
    const sq: FxElement = {
      tag: T.ReferencedImageSequence,
      vr: 'SQ',
      undefinedLength: true,
      value: [{ undefinedLength: true, elements: [{ tag: T.ReferencedSOPClassUID, vr: 'UI', value: '1.2' }] }],
    };
    expect(enc1(sq)).toBe(
      '08 00 40 11 53 51 00 00 FF FF FF FF FE FF 00 E0 FF FF FF FF 08 00 50 11 55 49 04 00 31 2E 32 00 ' +
        'FE FF 0D E0 00 00 00 00 FE FF DD E0 00 00 00 00',
    );
    expect(enc1({ tag: T.ReferencedImageSequence, vr: 'SQ', value: [] })).toBe('08 00 40 11 53 51 00 00 00 00 00 00');
  });

  it('encodes UN holding items as implicit VR LE inside', () => {
    const un: FxElement = {
      tag: 0x00091020,
      vr: 'UN',
      undefinedLength: true,
      value: [{ elements: [{ tag: T.PatientID, vr: 'LO', value: 'AB' }] }],
    };
    expect(enc1(un)).toBe(
      '09 00 20 10 55 4E 00 00 FF FF FF FF FE FF 00 E0 0A 00 00 00 10 00 20 00 02 00 00 00 41 42 FE FF DD E0 00 00 00 00',
    );
  });

  it('writes encapsulated pixel data: offset table, padded fragments, delimiter', () => {
    const px: FxElement = { tag: T.PixelData, vr: 'OB', value: { fragments: [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])] } };
    expect(enc1(px)).toBe(
      'E0 7F 10 00 4F 42 00 00 FF FF FF FF FE FF 00 E0 00 00 00 00 FE FF 00 E0 04 00 00 00 01 02 03 00 ' +
        'FE FF 00 E0 02 00 00 00 04 05 FE FF DD E0 00 00 00 00',
    );
    const withBot: FxElement = { ...px, value: { fragments: [new Uint8Array([9, 9])], offsetTable: new Uint8Array(4) } };
    expect(enc1(withBot)).toContain('FE FF 00 E0 04 00 00 00 00 00 00 00 FE FF 00 E0 02 00 00 00 09 09');
  });

  it('rawLength declares any length and writes the bytes unpadded; group FFFE has no VR', () => {
    expect(enc1({ ...pn, value: new TextEncoder().encode('Doe'), rawLength: 0xfffffff0 }, IMPL)).toBe('10 00 10 00 F0 FF FF FF 44 6F 65');
    expect(enc1({ ...pn, rawLength: 0xffff })).toBe(`10 00 10 00 50 4E FF FF ${NAME}`);
    expect(enc1({ tag: 0x7fe00010, vr: 'OB', value: new Uint8Array([7]), rawLength: 3 * 2 ** 30 })).toBe(
      'E0 7F 10 00 4F 42 00 00 00 00 00 C0 07',
    );
    expect(enc1({ tag: T.Item, vr: '', value: new Uint8Array([1, 2]) })).toBe('FE FF 00 E0 02 00 00 00 01 02');
    expect(enc1({ tag: T.PatientID, vr: 'ZZ', value: 'AB' })).toBe('10 00 20 00 5A 5A 02 00 41 42');
  });

  it('refuses what cannot be encoded', () => {
    expect(() => encodeElements([{ ...pn, value: 'x'.repeat(70000) }], LE)).toThrow(/2-byte length/);
    expect(() => encodeElements([{ ...pn, vr: 'P' }], LE)).toThrow(/2 characters/);
    expect(() => encodeElements([{ tag: T.Rows, vr: 'XX', value: [1] }], LE)).toThrow(/numbers/);
  });
});

/** Tiny explicit-VR-LE walker over the meta group (independent of the builder). */
function readMeta(file: Uint8Array) {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out = new Map<number, Uint8Array>();
  let o = 132;
  let groupLengthEnd = -1;
  while (o < file.length && v.getUint16(o, true) === 0x0002) {
    const t = ((v.getUint16(o, true) << 16) | v.getUint16(o + 2, true)) >>> 0;
    const vr = String.fromCharCode(file[o + 4], file[o + 5]);
    const long = ['OB', 'OW', 'UN', 'SQ', 'UT', 'UC', 'UR'].includes(vr);
    const len = long ? v.getUint32(o + 8, true) : v.getUint16(o + 6, true);
    const start = o + (long ? 12 : 8);
    out.set(t, file.subarray(start, start + len));
    if (t === T.FileMetaInformationGroupLength) groupLengthEnd = start + len;
    o = start + len;
  }
  const text = (t: number) => new TextDecoder().decode(out.get(t));
  return { out, text, metaEnd: o, groupLengthEnd, groupLength: v.getUint32(groupLengthEnd - 4, true) };
}

describe('Part 10 file assembly', () => {
  const ds: FxElement[] = [
    { tag: T.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7' },
    { tag: T.SOPInstanceUID, vr: 'UI', value: '1.2.826.0.1.3680043.9999.5' },
    pn,
  ];

  it('writes preamble, DICM and a meta group whose (0002,0000) matches its length', () => {
    for (const ts of [TS.ImplicitLE, TS.ExplicitLE, TS.ExplicitBE, TS.DeflatedLE, TS.RLELossless]) {
      const f = makePart10(ds, { transferSyntax: ts });
      expect(f.subarray(0, 128).every((b) => b === 0)).toBe(true);
      expect(new TextDecoder().decode(f.subarray(128, 132))).toBe('DICM');
      const m = readMeta(f);
      expect(m.metaEnd - m.groupLengthEnd).toBe(m.groupLength);
      expect(hex(m.out.get(T.FileMetaInformationVersion)!)).toBe('00 01');
      expect(m.text(T.TransferSyntaxUID).replace(/\0$/, '')).toBe(ts);
      expect(m.text(T.MediaStorageSOPClassUID)).toBe('1.2.840.10008.5.1.4.1.1.7\0');
      expect(m.text(T.MediaStorageSOPInstanceUID)).toBe('1.2.826.0.1.3680043.9999.5');
      expect(m.text(T.ImplementationClassUID)).toBe('1.2.3.4.5.6\0');
      expect(m.text(T.ImplementationVersionName)).toBe('FIXTURE ');
      expect([...m.out.keys()]).toEqual([...m.out.keys()].sort((a, b) => a - b));
    }
  });

  it('follows the meta with the data set in the transfer syntax encoding', () => {
    for (const [ts, enc] of [[TS.ImplicitLE, IMPL], [TS.ExplicitLE, LE], [TS.ExplicitBE, BE], [TS.JPEGBaseline, LE]] as const) {
      const f = makePart10(ds, { transferSyntax: ts });
      expect(hex(f.subarray(readMeta(f).metaEnd))).toBe(hex(encodeElements(ds, enc)));
    }
  });

  it('deflated: meta uncompressed, data set raw-deflated explicit VR LE', () => {
    const f = makePart10(ds, { transferSyntax: TS.DeflatedLE });
    const body = f.subarray(readMeta(f).metaEnd);
    expect(hex(inflateSync(body))).toBe(hex(encodeElements(ds, LE)));
  });

  it('honours preamble/meta switches, extraMeta and bodyEncoding', () => {
    expect(hex(makePart10(ds, { transferSyntax: TS.ExplicitLE, preamble: false, meta: false }))).toBe(hex(encodeElements(ds, LE)));
    const noPre = makePart10(ds, { transferSyntax: TS.ExplicitLE, preamble: false });
    expect(hex(noPre.subarray(0, 4))).toBe('02 00 00 00');
    const extra = makePart10(ds, {
      transferSyntax: TS.ExplicitLE,
      extraMeta: [
        { tag: T.SourceApplicationEntityTitle, vr: 'AE', value: 'FIXAE' },
        { tag: T.ImplementationVersionName, vr: 'SH', value: 'OTHER' },
      ],
    });
    const m = readMeta(extra);
    expect(m.text(T.SourceApplicationEntityTitle)).toBe('FIXAE ');
    expect(m.text(T.ImplementationVersionName)).toBe('OTHER ');
    expect(m.metaEnd - m.groupLengthEnd).toBe(m.groupLength);
    const lying = makePart10(ds, { transferSyntax: TS.ExplicitLE, bodyEncoding: IMPL });
    expect(hex(lying.subarray(readMeta(lying).metaEnd))).toBe(hex(encodeElements(ds, IMPL)));
    const wrongGl = makePart10(ds, {
      transferSyntax: TS.ExplicitLE,
      extraMeta: [{ tag: T.FileMetaInformationGroupLength, vr: 'UL', value: [3] }],
    });
    expect(readMeta(wrongGl).groupLength).toBe(3);
  });

  it('omits MediaStorage UIDs when the data set has none', () => {
    const m = readMeta(makePart10([pn], { transferSyntax: TS.ExplicitLE }));
    expect(m.out.has(T.MediaStorageSOPClassUID)).toBe(false);
    expect(m.out.has(T.MediaStorageSOPInstanceUID)).toBe(false);
  });
});
