// Self-test of makeCtLike(): read back with dcmjs (an installed third-party parser, independent
// of Veil's reader) for every transfer syntax, and check pixel payloads and offset tables.

import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { CT_VALUES, T, TS, ctElements, frameBytesLE, makeCtLike, rleDecodeFrame, framePixels } from '../fixtures/make.ts';

type DcmjsDict = Record<string, { vr: string; Value?: unknown[] } | undefined>;
const dcm = (dcmjs as unknown as {
  data: { DicomMessage: { readFile(b: ArrayBuffer): { dict: DcmjsDict; meta: DcmjsDict } } };
}).data;
const key = (t: number) => t.toString(16).toUpperCase().padStart(8, '0');

function read(file: Uint8Array): { dict: DcmjsDict; meta: DcmjsDict } {
  const warn = console.warn;
  console.warn = () => {}; // dcmjs warns about unknown private VRs in implicit VR
  try {
    return dcm.DicomMessage.readFile(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  } finally {
    console.warn = warn;
  }
}
const str = (d: DcmjsDict, t: number): unknown => {
  const v = d[key(t)]?.Value?.[0];
  return v && typeof v === 'object' && 'Alphabetic' in v ? (v as { Alphabetic: string }).Alphabetic : v;
};
const item = (d: DcmjsDict, t: number): DcmjsDict => d[key(t)]?.Value?.[0] as DcmjsDict;
const bytes = (b: unknown) => new Uint8Array(b as ArrayBuffer);

const ALL = [
  TS.ImplicitLE, TS.ExplicitLE, TS.ExplicitBE, TS.DeflatedLE, TS.EncapsulatedUncompressedLE, TS.JPEGBaseline,
  TS.JPEGLossless, TS.JPEGLSLossless, TS.JPEG2000Lossless, TS.HTJ2KLossless, TS.RLELossless,
];

describe('makeCtLike read back by dcmjs', () => {
  it.each(ALL)('%s: header, nested and private values survive', (ts) => {
    const { dict, meta } = read(makeCtLike({ transferSyntax: ts }));
    expect(str(meta, T.TransferSyntaxUID)).toBe(ts);
    expect(str(meta, T.MediaStorageSOPInstanceUID)).toBe(CT_VALUES.sopInstanceUID);
    expect(str(dict, T.PatientName)).toBe(CT_VALUES.patientName);
    expect(str(dict, T.PatientID)).toBe(CT_VALUES.patientId);
    expect(str(dict, T.PatientBirthDate)).toBe(CT_VALUES.patientBirthDate);
    expect(str(dict, T.AccessionNumber)).toBe(CT_VALUES.accessionNumber);
    expect(str(dict, T.InstitutionName)).toBe(CT_VALUES.institutionName);
    expect(str(dict, T.StudyInstanceUID)).toBe(CT_VALUES.studyInstanceUID);
    expect(str(dict, T.Rows)).toBe(16);
    expect(str(dict, T.BitsAllocated)).toBe(ts === TS.JPEGBaseline ? 8 : 16);
    const req = item(dict, T.RequestAttributesSequence);
    expect(str(req, T.PatientName)).toBe(CT_VALUES.patientName);
    expect(str(item(req, T.ReferencedStudySequence), T.ReferencedSOPInstanceUID)).toBe(CT_VALUES.studyInstanceUID);
    expect(str(item(dict, T.OtherPatientIDsSequence), T.PatientID)).toBe(CT_VALUES.otherPatientId);
    if (ts !== TS.ImplicitLE) {
      // In implicit VR a reader without a private dictionary sees these as UN bytes.
      expect(str(dict, 0x00090010)).toBe(CT_VALUES.privateCreator);
      expect(str(dict, 0x00091001)).toBe(CT_VALUES.privateValue);
      expect(str(item(dict, 0x00091002), T.PatientName)).toBe(CT_VALUES.patientName);
    }
  });

  it.each([TS.ExplicitLE, TS.ImplicitLE, TS.DeflatedLE])('%s: native 16-bit pixel data is the LE gradient', (ts) => {
    const { dict } = read(makeCtLike({ transferSyntax: ts, rows: 5, cols: 7, frames: 2 }));
    const px = bytes(dict[key(T.PixelData)]!.Value![0]);
    expect(Array.from(px)).toEqual([...frameBytesLE(5, 7, 0, 16), ...frameBytesLE(5, 7, 1, 16)]);
    expect(str(dict, T.NumberOfFrames)).toBe(2);
  });

  it('explicit BE: native pixel data is byte-swapped in the file', () => {
    const { dict } = read(makeCtLike({ transferSyntax: TS.ExplicitBE, rows: 3, cols: 3 }));
    const px = bytes(dict[key(T.PixelData)]!.Value![0]);
    const le = frameBytesLE(3, 3, 0, 16);
    expect(Array.from(px)).toEqual(Array.from(le, (_, i) => le[i ^ 1]));
  });

  it('8-bit native pixel data is OB, padded to even length', () => {
    const els = ctElements({ bitsAllocated: 8, rows: 3, cols: 3 });
    const { dict } = read(makeCtLike({ bitsAllocated: 8, rows: 3, cols: 3 }));
    expect(els.find((e) => e.tag === T.PixelData)!.vr).toBe('OB');
    expect(Array.from(bytes(dict[key(T.PixelData)]!.Value![0]))).toEqual([...framePixels(3, 3, 0, 8), 0]);
  });

  it('RLE fragments decode to the gradient; the offset table splits frames correctly', () => {
    const plain = read(makeCtLike({ transferSyntax: TS.RLELossless, rows: 9, cols: 11, frames: 3 })).dict;
    const frames = plain[key(T.PixelData)]!.Value!;
    expect(frames).toHaveLength(3);
    frames.forEach((f, i) => expect(rleDecodeFrame(bytes(f), 9, 11, 16)).toEqual(framePixels(9, 11, i, 16)));
    const split = read(makeCtLike({ transferSyntax: TS.RLELossless, rows: 9, cols: 11, frames: 3, fragmentsPerFrame: 2, offsetTable: true }));
    const joined = split.dict[key(T.PixelData)]!.Value!;
    expect(joined).toHaveLength(3); // dcmjs groups fragments into frames via the Basic Offset Table
    joined.forEach((f, i) => expect(rleDecodeFrame(bytes(f), 9, 11, 16)).toEqual(framePixels(9, 11, i, 16)));
  });

  it('placeholder codestreams carry the JPEG / J2K start and end markers', () => {
    const first = (ts: string) => bytes(read(makeCtLike({ transferSyntax: ts })).dict[key(T.PixelData)]!.Value![0]);
    for (const ts of [TS.JPEGBaseline, TS.JPEGLossless, TS.JPEGLSLossless]) {
      const b = first(ts);
      expect([b[0], b[1], b[b.length - 2], b[b.length - 1]]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    }
    const j = first(TS.JPEG2000Lossless);
    expect([j[0], j[1], j[j.length - 2], j[j.length - 1]]).toEqual([0xff, 0x4f, 0xff, 0xd9]);
  });

  it('is deterministic and honours patientName bytes, extra, omit, privateTags and undefined lengths', () => {
    expect(makeCtLike()).toEqual(makeCtLike());
    const latin1 = new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]); // "Müller" in ISO 8859-1
    const f = makeCtLike({
      patientName: latin1,
      extra: [{ tag: T.PatientSex, vr: 'CS', value: 'M' }],
      omit: [T.PatientBirthDate],
      privateTags: false,
      undefinedLengthSequences: true,
    });
    const { dict } = read(f);
    expect(str(dict, T.PatientSex)).toBe('M');
    expect(dict[key(T.PatientBirthDate)]).toBeUndefined();
    expect(dict[key(0x00090010)]).toBeUndefined();
    expect(str(item(dict, T.RequestAttributesSequence), T.PatientName)).toBe('Müller');
    expect(Buffer.from(f).includes(Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]))).toBe(true);
  });

  it('contains the identifying values verbatim (uncompressed syntaxes)', () => {
    const text = Buffer.from(makeCtLike()).toString('latin1');
    for (const v of Object.values(CT_VALUES)) expect(text).toContain(v);
  });
});
