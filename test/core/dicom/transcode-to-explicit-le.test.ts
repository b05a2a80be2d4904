// The viewer's explicit VR LE copy (src/core/dicom/transcode-to-explicit-le.ts, added for the app).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFileMeta } from '../../../src/core/deid/deidentify.ts';
import { bytesElement, findElement, type Item } from '../../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { tag } from '../../../src/core/dicom/tag.ts';
import { EXPLICIT_VR_BE, EXPLICIT_VR_LE } from '../../../src/core/dicom/transfer-syntax.ts';
import { needsExplicitLeCopy, swapInPlace, transcodeToExplicitLe } from '../../../src/core/dicom/transcode-to-explicit-le.ts';
import { asciiBytes } from '../../../src/core/dicom/value-text.ts';
import { writePart10 } from '../../../src/core/dicom/writer.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';

const be16 = (...v: number[]) => {
  const b = new Uint8Array(v.length * 2);
  v.forEach((x, i) => new DataView(b.buffer).setUint16(i * 2, x, false));
  return b;
};

async function bigEndianFile(): Promise<Uint8Array> {
  const item: Item = { elements: [bytesElement(tag(0x0028, 0x0010), 'US', be16(7))], undefinedLength: false, offset: -1 };
  const ds: Item = {
    elements: [
      bytesElement(tag(0x0008, 0x0016), 'UI', asciiBytes('1.2.840.10008.5.1.4.1.1.7', 0)),
      bytesElement(tag(0x0008, 0x0018), 'UI', asciiBytes('1.2.3', 0)),
      { tag: tag(0x0008, 0x1140), vr: 'SQ', value: { kind: 'sequence', items: [item] }, undefinedLength: false, offset: -1 },
      bytesElement(tag(0x0010, 0x0010), 'PN', asciiBytes('Doe^Jane')),
      bytesElement(tag(0x0028, 0x0010), 'US', be16(2)),
      bytesElement(tag(0x0028, 0x0011), 'US', be16(2)),
      bytesElement(tag(0x0028, 0x0100), 'US', be16(16)),
      bytesElement(tag(0x7fe0, 0x0010), 'OW', be16(1, 258, 513, 65535)),
    ],
    undefinedLength: false,
    offset: -1,
  };
  const sink = new MemorySink();
  await writePart10({ source: new MemorySource(new Uint8Array(0)), meta: buildFileMeta('1.2.840.10008.5.1.4.1.1.7', '1.2.3', EXPLICIT_VR_BE), dataset: ds, encoding: { explicitVR: true, littleEndian: false }, deflate: false }, sink);
  return sink.bytes();
}

const u16 = (ds: Item, t: number): number[] => {
  const el = findElement(ds, t)!;
  const b = el.value.kind === 'bytes' ? el.value.bytes : new Uint8Array(0);
  return Array.from({ length: b.length / 2 }, (_, i) => new DataView(b.buffer, b.byteOffset).getUint16(i * 2, true));
};

describe('transcodeToExplicitLe', () => {
  it('is needed for big endian and deflated syntaxes only', () => {
    expect(needsExplicitLeCopy(EXPLICIT_VR_BE)).toBe(true);
    expect(needsExplicitLeCopy('1.2.840.10008.1.2.1.99')).toBe(true);
    expect(needsExplicitLeCopy(EXPLICIT_VR_LE)).toBe(false);
    expect(needsExplicitLeCopy('1.2.840.10008.1.2')).toBe(false);
    expect(needsExplicitLeCopy('1.2.840.10008.1.2.4.50')).toBe(false);
  });

  it('swaps binary values per VR, in sequences too, and relabels the transfer syntax', async () => {
    const out = await transcodeToExplicitLe(new MemorySource(await bigEndianFile()));
    const f = await readPart10(new MemorySource(out!));
    expect(f.transferSyntaxUID).toBe(EXPLICIT_VR_LE);
    expect(u16(f.dataset, tag(0x0028, 0x0100))).toEqual([16]);
    expect(u16(f.dataset, tag(0x7fe0, 0x0010))).toEqual([1, 258, 513, 65535]);
    const seq = findElement(f.dataset, tag(0x0008, 0x1140))!;
    expect(seq.value.kind === 'sequence' && u16(seq.value.items[0], tag(0x0028, 0x0010))).toEqual([7]);
    const pn = findElement(f.dataset, tag(0x0010, 0x0010))!;
    expect(pn.value.kind === 'bytes' && new TextDecoder().decode(pn.value.bytes)).toBe('Doe^Jane');
  });

  it('returns null when no copy is needed', async () => {
    const le = await transcodeToExplicitLe(new MemorySource(await transcodeToExplicitLe(new MemorySource(await bigEndianFile())) as Uint8Array));
    expect(le).toBeNull();
  });

  it('reverses units in place', () => {
    const b = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    swapInPlace(b, 4);
    expect([...b]).toEqual([4, 3, 2, 1, 8, 7, 6, 5, 9]);
  });

  const corpus = new URL('../../../../shared/corpus/pydicom/', import.meta.url);
  it.skipIf(!existsSync(new URL('MR_small_bigendian.dcm', corpus)))('gives the same pixels as the little endian original (corpus)', async () => {
    const be = await transcodeToExplicitLe(new MemorySource(new Uint8Array(readFileSync(new URL('MR_small_bigendian.dcm', corpus)))));
    const le = await readPart10(new MemorySource(new Uint8Array(readFileSync(new URL('MR_small.dcm', corpus)))));
    const fromBe = await readPart10(new MemorySource(be!));
    const px = async (f: typeof le) => {
      const el = findElement(f.dataset, tag(0x7fe0, 0x0010))!;
      return el.value.kind === 'bytes' ? el.value.bytes : el.value.kind === 'bulk' ? await f.source.read(el.value.range.offset, el.value.range.length) : null;
    };
    expect(await px(fromBe)).toEqual(await px(le));
  });
});
