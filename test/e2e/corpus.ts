// The real-world files the e2e test loads from ../shared/corpus when it is present: one per
// transfer syntax family the viewer must show, plus a DICOMDIR (listed, not copied).

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

export const CORPUS_FILES: { path: string; what: string; viewable: boolean }[] = [
  { path: 'pylibjpeg-data/JPEGBaseline/JPEGBaseline_1s_1f_u_08_08.dcm', what: 'JPEG baseline, grey', viewable: true },
  { path: 'pydicom/SC_rgb_jpeg_dcmtk.dcm', what: 'JPEG baseline, colour', viewable: true },
  { path: 'pydicom/MR_small_jp2klossless.dcm', what: 'JPEG 2000 lossless', viewable: true },
  { path: 'pydicom/MR_small_jpeg_ls_lossless.dcm', what: 'JPEG-LS lossless', viewable: true },
  { path: 'pydicom/MR_small_RLE.dcm', what: 'RLE lossless', viewable: true },
  { path: 'pydicom/MR_small_bigendian.dcm', what: 'explicit VR big endian', viewable: true },
  { path: 'pydicom/image_dfl.dcm', what: 'deflated explicit VR LE', viewable: true },
  { path: 'pydicom/SC_rgb_rle_2frame.dcm', what: 'RLE, 2 frames', viewable: true },
  { path: 'pydicom/dicomdirtests/DICOMDIR', what: 'DICOMDIR', viewable: false },
];

export const corpusPresent = (): boolean => existsSync(CORPUS) && CORPUS_FILES.every((f) => existsSync(CORPUS + f.path));

/** Every corpus file MANIFEST.tsv lists with Rows (it has pixel data), by relative path. */
export function corpusImages(): string[] {
  const manifest = CORPUS + 'MANIFEST.tsv';
  if (!existsSync(manifest)) return [];
  const [head, ...rows] = readFileSync(manifest, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
  const path = head.indexOf('relpath');
  const rowsAt = head.indexOf('rows');
  return rows.filter((r) => Number(r[rowsAt]) > 0).map((r) => r[path]).filter((p) => existsSync(CORPUS + p));
}
