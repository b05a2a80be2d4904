// Encapsulated files of the real-world corpus (../shared/corpus), among them the ones with burned-in
// text: each is redacted with the Node codecs, written as Explicit VR Little Endian and re-encoded
// in its own family. In every frame the boxes hold the darkest value and everything else decodes
// identical to the decode of the original. The colour of the decoded originals is checked against
// native references decoded by other toolkits (dcmtk's decompression of pydicom's SC_rgb JPEGs,
// the uncompressed US1 files), so a colour shift would show. Skipped, saying so, without the corpus.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElement, type Item } from '../../src/core/dicom/dataset.ts';
import { readPart10, type DicomFile } from '../../src/core/dicom/reader.ts';
import { decodeNumbers } from '../../src/core/dicom/value-codec.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { readFrame, splitFrames } from '../../src/core/pixels/encapsulated-frames.ts';
import { pixelLayout, type PixelLayout } from '../../src/core/pixels/pixel-layout.ts';
import type { RedactionBox } from '../../src/core/pixels/redaction-box.ts';
import { nodeFrameCodecs } from '../../src/codecs/node-loader.ts';
import { T } from '../fixtures/make.ts';
import { methodCodes, redact, str } from '../core/pixels/redact-helpers.ts';

const corpus = join(import.meta.dirname, '../../../shared/corpus');
const present = existsSync(join(corpus, 'MANIFEST.tsv'));
if (!present) console.warn(`codec corpus test: ${corpus} is absent — redaction of the real encapsulated files is SKIPPED`);

const codecs = nodeFrameCodecs();

interface Decoded {
  layout: PixelLayout;
  pi: string;
  /** Interleaved little-endian samples per frame. */
  frames: Uint8Array[];
  file: DicomFile;
}

async function decode(bytes: Uint8Array): Promise<Decoded> {
  const file = await readPart10(new MemorySource(bytes));
  const le = file.encoding.littleEndian;
  const layout = pixelLayout(file.dataset, le);
  const px = findElement(file.dataset, T.PixelData)!;
  const frames: Uint8Array[] = [];
  let pi = layout.photometricInterpretation;
  if (px.value.kind === 'fragments') {
    const split = await splitFrames(file.source, file.dataset, px.value.fragments, layout.numberOfFrames, file.transferSyntaxUID);
    for (const r of split.frames) {
      const d = await codecs.decode(file.transferSyntaxUID, await readFrame(file.source, r), {
        rows: layout.rows, columns: layout.columns, samplesPerPixel: layout.samplesPerPixel, bitsAllocated: layout.bitsAllocated,
        bitsStored: layout.bitsStored, pixelRepresentation: layout.pixelRepresentation, photometricInterpretation: layout.photometricInterpretation, planarConfiguration: layout.planarConfiguration,
      });
      frames.push(d.planarConfiguration === 1 ? interleave(d.pixels, layout) : d.pixels.slice());
      pi = d.photometricInterpretation;
    }
  } else {
    const all = px.value.kind === 'bytes' ? px.value.bytes : px.value.kind === 'bulk' ? await file.source.read(px.value.range.offset, px.value.range.length) : new Uint8Array();
    for (let f = 0; f < layout.numberOfFrames; f++) {
      const one = all.slice(f * layout.frameBytes, (f + 1) * layout.frameBytes);
      if (!le && layout.bitsAllocated === 16) for (let i = 0; i + 1 < one.length; i += 2) [one[i], one[i + 1]] = [one[i + 1], one[i]];
      frames.push(layout.planarConfiguration === 1 ? interleave(one, layout) : one);
    }
  }
  return { layout, pi, frames, file };
}

function interleave(planar: Uint8Array, l: PixelLayout): Uint8Array {
  const n = l.rows * l.columns;
  const b = l.bitsAllocated / 8;
  const out = new Uint8Array(planar.length);
  for (let s = 0; s < l.samplesPerPixel; s++) for (let p = 0; p < n; p++) for (let k = 0; k < b; k++) out[(p * l.samplesPerPixel + s) * b + k] = planar[(s * n + p) * b + k];
  return out;
}

/** The darkest value per sample for the output's photometric interpretation, worked out here. */
function darkest(ds: Item, l: PixelLayout, pi: string): number[] {
  const bs = l.bitsStored;
  const signed = l.pixelRepresentation === 1;
  if (pi === 'MONOCHROME2') return [signed ? -(2 ** (bs - 1)) : 0];
  if (pi === 'MONOCHROME1') return [signed ? 2 ** (bs - 1) - 1 : 2 ** bs - 1];
  if (pi === 'YBR_FULL') return [0, 2 ** (bs - 1), 2 ** (bs - 1)];
  if (pi === 'PALETTE COLOR') {
    const lut = (t: number) => {
      const el = findElement(ds, t)!;
      return decodeNumbers({ ...el, vr: 'US' }, true);
    };
    const [r, g, b] = [lut(0x00281201), lut(0x00281202), lut(0x00281203)];
    const first = lut(0x00281101)[1] ?? 0;
    let best = 0;
    for (let i = 1; i < r.length; i++) if (0.299 * r[i] + 0.587 * g[i] + 0.114 * b[i] < 0.299 * r[best] + 0.587 * g[best] + 0.114 * b[best]) best = i;
    return [best + first];
  }
  return new Array(l.samplesPerPixel).fill(0);
}

function sample(frame: Uint8Array, l: PixelLayout, r: number, c: number, k: number): number {
  const b = l.bitsAllocated / 8;
  const at = ((r * l.columns + c) * l.samplesPerPixel + k) * b;
  if (b === 1) return l.pixelRepresentation ? (frame[at] << 24) >> 24 : frame[at];
  const v = frame[at] | (frame[at + 1] << 8);
  return l.pixelRepresentation ? (v << 16) >> 16 : v;
}

interface Case {
  path: string;
  /** Photometric Interpretation of the decoded output. */
  pi: string;
  /** Transfer syntax written by 'same-family-lossless' (Explicit VR LE when no lossless encoder). */
  family: string;
  lossy: boolean;
}

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const CASES: Case[] = [
  { path: 'pydicom-data/US1_J2KI.dcm', pi: 'RGB', family: '1.2.840.10008.1.2.4.90', lossy: true },
  { path: 'pydicom-data/US1_J2KR.dcm', pi: 'RGB', family: '1.2.840.10008.1.2.4.90', lossy: false },
  { path: 'pydicom/GDCMJ2K_TextGBR.dcm', pi: 'RGB', family: '1.2.840.10008.1.2.4.90', lossy: false },
  { path: 'pylibjpeg-data/JPEGExtended/JPEGExtended_3s_1f_u_08_08.dcm', pi: 'RGB', family: EXPLICIT_LE, lossy: true },
  { path: 'pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm', pi: 'RGB', family: EXPLICIT_LE, lossy: true },
  { path: 'pydicom-git/test_files/examples_ybr_color.dcm', pi: 'RGB', family: EXPLICIT_LE, lossy: true },
  { path: 'dicomParser/encapsulated/multi-frame/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm', pi: 'RGB', family: EXPLICIT_LE, lossy: true },
  { path: 'pydicom/SC_jpeg_no_color_transform.dcm', pi: 'RGB', family: EXPLICIT_LE, lossy: true },
  { path: 'pydicom/JPEG-lossy.dcm', pi: 'MONOCHROME2', family: EXPLICIT_LE, lossy: true },
  { path: 'pydicom-data/OBXXXX1A_rle.dcm', pi: 'PALETTE COLOR', family: '1.2.840.10008.1.2.5', lossy: false },
  { path: 'pydicom-data/OBXXXX1A_rle_2frame.dcm', pi: 'PALETTE COLOR', family: '1.2.840.10008.1.2.5', lossy: false },
  { path: 'cornerstone-wado/no-pixel-spacing.dcm', pi: 'PALETTE COLOR', family: '1.2.840.10008.1.2.5', lossy: false },
  { path: 'pydicom/SC_rgb_rle_16bit_2frame.dcm', pi: 'RGB', family: '1.2.840.10008.1.2.5', lossy: false },
  { path: 'pydicom-data/JLSL_RGB_ILV0.dcm', pi: 'RGB', family: '1.2.840.10008.1.2.4.80', lossy: false },
  { path: 'pydicom-data/JLSL_16_15_1_1F.dcm', pi: 'MONOCHROME2', family: '1.2.840.10008.1.2.4.80', lossy: false },
  { path: 'pydicom-data/JLSN_RGB_ILV0.dcm', pi: 'RGB', family: '1.2.840.10008.1.2.4.80', lossy: true },
  { path: 'dicomParser/encapsulated/multi-frame/CT0012.fragmented_no_bot_jpeg_ls.80.dcm', pi: 'MONOCHROME2', family: '1.2.840.10008.1.2.4.80', lossy: false },
  { path: 'highdicom/sm_image_jpegls_nobot.dcm', pi: 'RGB', family: '1.2.840.10008.1.2.4.80', lossy: false },
  { path: 'pydicom-data/HTJ2KLossless_08_RGB.dcm', pi: 'RGB', family: '1.2.840.10008.1.2.4.201', lossy: false },
  { path: 'pydicom-data/HTJ2K_08_RGB.dcm', pi: 'RGB', family: '1.2.840.10008.1.2.4.201', lossy: true },
  { path: 'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm', pi: 'MONOCHROME2', family: EXPLICIT_LE, lossy: false },
  { path: 'pylibjpeg-data/JPEGLosslessSV1/JPEGLosslessP14SV1_3s_2f_u_08_08.dcm', pi: 'RGB', family: EXPLICIT_LE, lossy: false },
  { path: 'pydicom/J2K_pixelrep_mismatch.dcm', pi: 'MONOCHROME2', family: '1.2.840.10008.1.2.4.90', lossy: false },
  { path: 'cornerstone-wado/CTImage.dcm_JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm', pi: 'MONOCHROME2', family: EXPLICIT_LE, lossy: true },
  { path: 'cornerstone-wado/CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm', pi: 'MONOCHROME2', family: EXPLICIT_LE, lossy: true },
];

const boxesFor = (l: PixelLayout): RedactionBox[] => [
  { x: 0, y: 0, width: Math.ceil(l.columns / 3), height: Math.max(1, Math.ceil(l.rows / 8)) },
  { x: Math.floor(l.columns / 2), y: Math.floor(l.rows / 2), width: Math.ceil(l.columns / 4), height: Math.ceil(l.rows / 5) },
];

const inBoxes = (boxes: RedactionBox[], r: number, c: number) =>
  boxes.some((b) => c >= Math.floor(b.x) && c < Math.ceil(b.x + b.width) && r >= Math.floor(b.y) && r < Math.ceil(b.y + b.height));

describe.skipIf(!present)('real encapsulated files: redacted, then decoded identical outside the boxes', () => {
  for (const k of CASES) {
    it(k.path, async () => {
      const bytes = new Uint8Array(readFileSync(join(corpus, k.path)));
      const original = await decode(bytes);
      expect(original.pi).toBe(k.pi);
      const l = original.layout;
      const boxes = boxesFor(l);
      const sizes: number[] = [];
      for (const reencode of ['explicit-le', 'same-family-lossless'] as const) {
        const { out, file, result, problems } = await redact(bytes, { redactionBoxes: boxes, codecs, reencode });
        expect(problems).toEqual([]);
        expect(result.transferSyntaxUID).toBe(reencode === 'explicit-le' ? EXPLICIT_LE : k.family);
        sizes.push(out.length);
        const got = await decode(out);
        expect(got.pi).toBe(k.pi);
        expect(got.frames).toHaveLength(original.frames.length);
        const fill = darkest(file.dataset, l, k.pi);
        for (let f = 0; f < got.frames.length; f++) {
          let wrongInside = 0, changedOutside = 0;
          for (let r = 0; r < l.rows; r++) {
            for (let c = 0; c < l.columns; c++) {
              const inside = inBoxes(boxes, r, c);
              for (let s = 0; s < l.samplesPerPixel; s++) {
                const v = sample(got.frames[f], l, r, c, s);
                if (inside) wrongInside += v === fill[Math.min(s, fill.length - 1)] ? 0 : 1;
                else changedOutside += v === sample(original.frames[f], l, r, c, s) ? 0 : 1;
              }
            }
          }
          expect({ frame: f, wrongInside, changedOutside }).toEqual({ frame: f, wrongInside: 0, changedOutside: 0 });
        }
        expect(str(file.dataset, T.BurnedInAnnotation)).toBe('NO');
        expect(methodCodes(file.dataset)).toContain('113101');
        expect(str(file.dataset, 0x00282110) === '01').toBe(k.lossy);
      }
      // Re-encoding in the family keeps the file near its compressed size.
      if (k.family !== EXPLICIT_LE && original.frames[0].length > 4096) expect(sizes[1]).toBeLessThan(sizes[0]);
    });
  }
});

describe.skipIf(!present)('the colour of decoded originals matches other toolkits’ decompression', () => {
  const pairs: [string, string][] = [
    ['pydicom-data/US1_J2KR.dcm', 'pydicom-data/US1_UNCR.dcm'],
    ['pydicom-data/US1_J2KI.dcm', 'pydicom-data/US1_UNCI.dcm'],
    ['pydicom/SC_rgb_dcmtk_+eb+cr.dcm', 'pydicom-data/SC_rgb_dcmtk_ebcr_dcmd.dcm'],
    ['pydicom/SC_rgb_dcmtk_+eb+cy+n1.dcm', 'pydicom-data/SC_rgb_dcmtk_ebcyn1_dcmd.dcm'],
    ['pydicom/SC_rgb_dcmtk_+eb+cy+n2.dcm', 'pydicom-data/SC_rgb_dcmtk_ebcyn2_dcmd.dcm'],
    ['pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm', 'pydicom-data/SC_rgb_dcmtk_ebcynp_dcmd.dcm'],
    ['pydicom/SC_rgb_dcmtk_+eb+cy+s2.dcm', 'pydicom-data/SC_rgb_dcmtk_ebcys2_dcmd.dcm'],
    ['pydicom/SC_rgb_dcmtk_+eb+cy+s4.dcm', 'pydicom-data/SC_rgb_dcmtk_ebcys4_dcmd.dcm'],
    ['pydicom/SC_rgb_jpeg.dcm', 'pydicom/SC_rgb_jpeg_dcmd.dcm'],
    ['pydicom/SC_rgb_gdcm_KY.dcm', 'pydicom-data/SC_rgb_gdcm2k_uncompressed.dcm'],
    ['pydicom/SC_rgb_jpeg_gdcm.dcm', 'pydicom-data/SC_rgb.dcm'],
    ['pydicom-data/JLSL_RGB_ILV0.dcm', 'pydicom-data/JLSL_RGB_ILV1.dcm'],
    ['pydicom-data/JLSL_RGB_ILV2.dcm', 'pydicom-data/JLSL_RGB_ILV1.dcm'],
  ];
  for (const [compressed, reference] of pairs) {
    it(`${compressed} = ${reference}`, async () => {
      const a = await decode(new Uint8Array(readFileSync(join(corpus, compressed))));
      const b = await decode(new Uint8Array(readFileSync(join(corpus, reference))));
      expect(a.pi).toBe('RGB');
      expect(b.pi).toBe('RGB');
      expect(Buffer.from(a.frames[0]).equals(Buffer.from(b.frames[0]))).toBe(true);
    });
  }
});
