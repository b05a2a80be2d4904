// Optional cross-check against real files: pydicom's charset_files in /work/shared/corpus.
// Reads (0008,0005) and (0010,0010) with a minimal byte scan (no DICOM parser yet, PS3.5 §7.1.2
// explicit VR little endian only) and compares the decoded name with the corpus MANIFEST.tsv.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCharsetCodec } from './english-codec.ts';

const CORPUS = '/work/shared/corpus';
const MANIFEST = join(CORPUS, 'MANIFEST.tsv');

interface Row {
  path: string;
  charset: string;
  name: string;
}

function rows(): Row[] {
  if (!existsSync(MANIFEST)) return [];
  const lines = readFileSync(MANIFEST, 'utf8').split('\n');
  const head = lines[0].split('\t');
  const col = (n: string) => head.indexOf(n);
  const [p, cs, pn, ts] = [col('relpath'), col('specific_charset'), col('patient_name'), col('transfer_syntax_uid')];
  return lines
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((f) => f.length > pn && f[ts] === '1.2.840.10008.1.2.1' && f[pn] !== '')
    .filter((f) => f[p].startsWith('pydicom/charset_files/') || /2022|GB|ISO_IR 1[2-4]/.test(f[cs]))
    .map((f) => ({ path: f[p], charset: f[cs], name: f[pn] }));
}

/** First explicit-VR-LE element with this tag and VR after the file meta; its value bytes. */
function findValue(file: Uint8Array, group: number, element: number, vr: string): Uint8Array | undefined {
  for (let i = 132; i + 8 <= file.length; i++) {
    if (
      file[i] === (group & 0xff) && file[i + 1] === group >> 8 &&
      file[i + 2] === (element & 0xff) && file[i + 3] === element >> 8 &&
      file[i + 4] === vr.charCodeAt(0) && file[i + 5] === vr.charCodeAt(1)
    ) {
      const len = file[i + 6] | (file[i + 7] << 8);
      return file.subarray(i + 8, i + 8 + len);
    }
  }
  return undefined;
}

const available = rows().filter((r) => existsSync(join(CORPUS, r.path)));

describe.skipIf(available.length === 0)('corpus: pydicom charset files', () => {
  it.each(available.map((r) => [r.path, r] as const))('%s', (_path, row) => {
    const file = new Uint8Array(readFileSync(join(CORPUS, row.path)));
    const scsBytes = findValue(file, 0x0008, 0x0005, 'CS');
    const pnBytes = findValue(file, 0x0010, 0x0010, 'PN');
    expect(pnBytes).toBeDefined();
    const bootstrap = makeCharsetCodec(undefined).codec;
    const terms = scsBytes ? bootstrap.decode(scsBytes, 'CS').split('\\') : undefined;
    expect((terms ?? []).join('\\')).toBe(row.charset);
    const { codec, warnings } = makeCharsetCodec(terms);
    const name = codec.decode(pnBytes!, 'PN');
    // The manifest shows pydicom's str(PersonName), which drops empty trailing component groups.
    expect(name.replace(/[=^]+$/, '')).toBe(row.name);
    expect(warnings).toEqual([]);
    // Re-encoding reproduces the stored bytes up to the trailing pad (chrKoreanMulti ends with a
    // redundant ESC ( B that our encoder does not write), and always decodes back.
    const encoded = codec.encode(name, 'PN');
    expect(codec.decode(encoded, 'PN')).toBe(name);
    const stored = pnBytes!.at(-1) === 0x20 ? pnBytes!.subarray(0, pnBytes!.length - 1) : pnBytes!;
    if (!row.path.endsWith('chrKoreanMulti.dcm')) expect(encoded).toEqual(stored);
  });
});
