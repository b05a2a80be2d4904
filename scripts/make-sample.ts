// Writes the built-in sample (public/samples/): four 128×128 16-bit CT slices and one 320×240
// RGB ultrasound image of a fictitious patient, with fake identifying values in the header
// (a Chinese name in GB18030, an 18-digit resident ID number in free text) and burned into
// the pixels (BurnedInAnnotation YES). Deterministic: the same bytes on every run.
// Run with `npm run make-sample`; the output is committed.

import { mkdirSync, writeFileSync } from 'node:fs';
import { makeCharsetCodec } from '../src/core/charset/specific-character-set.ts';
import { buildFileMeta } from '../src/core/deid/deidentify.ts';
import { bytesElement, type Element, type Item } from '../src/core/dicom/dataset.ts';
import { tag } from '../src/core/dicom/tag.ts';
import { EXPLICIT_VR_LE } from '../src/core/dicom/transfer-syntax.ts';
import { encodeNumbers, encodeStrings } from '../src/core/dicom/value-codec.ts';
import { asciiBytes } from '../src/core/dicom/value-text.ts';
import { writePart10 } from '../src/core/dicom/writer.ts';
import { MemorySource } from '../src/core/io/byte-source.ts';
import { MemorySink } from '../src/core/io/byte-sink.ts';
import { drawText } from './sample/bitmap-font.ts';
import { isValidResidentId } from './sample/resident-id.ts';

const OUT = new URL('../public/samples/', import.meta.url);
const RESIDENT_ID = '11010519491231002X';
if (!isValidResidentId(RESIDENT_ID)) throw new Error('the sample resident ID number fails its check digit');

const { codec } = makeCharsetCodec(['GB18030']);
const ROOT = '2.25.31415926535897932384626433832795'; // fixed, fictitious UID root for the sample
const uid = (...parts: number[]) => [ROOT, ...parts].join('.');
const STUDY_CT = uid(1);
const STUDY_US = uid(2);
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const US_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.6.1';

type Attr = [group: number, element: number, vr: string, value: string | number[] | Uint8Array];

function element([g, e, vr, value]: Attr): Element {
  const t = tag(g, e);
  if (value instanceof Uint8Array) return bytesElement(t, vr, value);
  if (Array.isArray(value)) return bytesElement(t, vr, encodeNumbers(value, vr, true));
  if (vr === 'UI') return bytesElement(t, vr, asciiBytes(value, 0));
  return bytesElement(t, vr, encodeStrings(value.split('\\'), vr, codec));
}

function dataset(attrs: Attr[]): Item {
  const elements = attrs.map(element).sort((a, b) => a.tag - b.tag);
  return { elements, undefinedLength: false, offset: -1 };
}

/** The fictitious patient and study, shared by every file. */
const patient = (studyUID: string, date: string, time: string, description: string): Attr[] => [
  [0x0008, 0x0005, 'CS', 'GB18030'],
  [0x0008, 0x0020, 'DA', date], [0x0008, 0x0030, 'TM', time],
  [0x0008, 0x0050, 'SH', 'A20240305001'],
  [0x0008, 0x0080, 'LO', 'Veil Demo Hospital 示例医院'],
  [0x0008, 0x0090, 'PN', 'Li^Na=李^娜'],
  [0x0008, 0x1010, 'SH', 'DEMO-ST01'],
  [0x0008, 0x1030, 'LO', description],
  [0x0008, 0x1070, 'PN', 'Wang^Fang=王^芳'],
  [0x0008, 0x0070, 'LO', 'Veil Synthetic Imaging'],
  [0x0010, 0x0010, 'PN', 'Zhang^Wei=张^伟'],
  [0x0010, 0x0020, 'LO', 'MRN0042137'],
  [0x0010, 0x0030, 'DA', '19491231'],
  [0x0010, 0x0040, 'CS', 'M'],
  [0x0010, 0x1010, 'AS', '074Y'],
  [0x0010, 0x2154, 'SH', '13800138000'],
  [0x0018, 0x1000, 'LO', 'SN-77812'],
  [0x0020, 0x000d, 'UI', studyUID],
  [0x0020, 0x0010, 'SH', '1'],
  [0x0020, 0x4000, 'LT', `患者 张伟，身份证号 ${RESIDENT_ID}，复查。Patient Zhang Wei, resident ID ${RESIDENT_ID}, follow-up.`],
  [0x0028, 0x0301, 'CS', 'YES'],
];

function ctSlice(index: number): { name: string; ds: Item; sop: string } {
  const N = 128;
  const px = new Uint16Array(N * N);
  const z = index - 1.5;
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      const dx = (x - 64) / 54;
      const dy = (y - 72) / 40;
      let hu = -1000;
      if (dx * dx + dy * dy <= 1) {
        hu = 40 + 8 * Math.sin(x / 5 + z) * Math.cos(y / 7);
        const lung = (cx: number) => ((x - cx) / 17) ** 2 + ((y - 68) / (22 - Math.abs(z) * 2)) ** 2 <= 1;
        if (lung(40) || lung(88)) hu = -820 + 30 * Math.sin((x * y) / 40);
        if (((x - 64) / 8) ** 2 + ((y - 98) / 7) ** 2 <= 1) hu = 650;
        if (((x - 64) / 9) ** 2 + ((y - 62) / 9) ** 2 <= 1) hu = 180 + index * 10;
      }
      px[y * N + x] = Math.max(0, Math.round(hu + 1024));
    }
  }
  const plot = (x: number, y: number) => {
    if (x >= 0 && x < N && y >= 0 && y < N) px[y * N + x] = 4000;
  };
  drawText('ZHANG WEI 2024-03-05', 2, 2, 1, plot);
  drawText(`ID ${RESIDENT_ID}`, 2, 11, 1, plot);
  const sop = uid(1, 1, index + 1);
  const ds = dataset([
    ...patient(STUDY_CT, '20240305', '091500', 'CT CHEST 胸部平扫'),
    [0x0008, 0x0008, 'CS', 'ORIGINAL\\PRIMARY\\AXIAL'],
    [0x0008, 0x0016, 'UI', CT_IMAGE_STORAGE], [0x0008, 0x0018, 'UI', sop],
    [0x0008, 0x0060, 'CS', 'CT'], [0x0008, 0x103e, 'LO', 'Chest 5 mm'],
    [0x0018, 0x0050, 'DS', '5'], [0x0018, 0x0060, 'DS', '120'],
    [0x0020, 0x000e, 'UI', uid(1, 1)], [0x0020, 0x0011, 'IS', '2'], [0x0020, 0x0013, 'IS', String(index + 1)],
    [0x0020, 0x0032, 'DS', `-160\\-160\\${-100 + index * 5}`], [0x0020, 0x0037, 'DS', '1\\0\\0\\0\\1\\0'],
    [0x0020, 0x1041, 'DS', String(-100 + index * 5)],
    [0x0028, 0x0002, 'US', [1]], [0x0028, 0x0004, 'CS', 'MONOCHROME2'],
    [0x0028, 0x0010, 'US', [N]], [0x0028, 0x0011, 'US', [N]], [0x0028, 0x0030, 'DS', '2.5\\2.5'],
    [0x0028, 0x0100, 'US', [16]], [0x0028, 0x0101, 'US', [12]], [0x0028, 0x0102, 'US', [11]], [0x0028, 0x0103, 'US', [0]],
    [0x0028, 0x1050, 'DS', '40'], [0x0028, 0x1051, 'DS', '400'],
    [0x0028, 0x1052, 'DS', '-1024'], [0x0028, 0x1053, 'DS', '1'],
    [0x7fe0, 0x0010, 'OW', new Uint8Array(px.buffer)],
  ]);
  return { name: `ct-${index + 1}.dcm`, ds, sop };
}

function ultrasound(): { name: string; ds: Item; sop: string } {
  const W = 320;
  const H = 240;
  const px = new Uint8Array(W * H * 3);
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const dx = x - 160;
      const dy = y - 22;
      const r = Math.hypot(dx, dy);
      const angle = Math.atan2(dx, dy);
      let v = 0;
      if (r > 20 && r < 210 && Math.abs(angle) < 0.62) {
        const tissue = 70 + 50 * Math.sin(r / 14) * Math.cos(angle * 5);
        const cyst = Math.hypot(x - 175, y - 130) < 26 ? 0.15 : 1;
        v = Math.max(0, Math.min(255, (tissue + 60 * rand()) * cyst * (1 - r / 320)));
      }
      const i = (y * W + x) * 3;
      px[i] = px[i + 1] = px[i + 2] = v;
    }
  }
  const plot = (x: number, y: number) => {
    if (x < 0 || x >= W || y < 0 || y >= H) return;
    const i = (y * W + x) * 3;
    px[i] = 250;
    px[i + 1] = 230;
    px[i + 2] = 120;
  };
  drawText(`ZHANG WEI  ID ${RESIDENT_ID}  2024-03-06`, 4, 4, 1, plot);
  drawText('DEMO HOSPITAL US-2', 4, 226, 1, plot);
  const sop = uid(2, 1, 1);
  const ds = dataset([
    ...patient(STUDY_US, '20240306', '101200', 'US ABDOMEN 腹部超声'),
    [0x0008, 0x0008, 'CS', 'ORIGINAL\\PRIMARY'],
    [0x0008, 0x0016, 'UI', US_IMAGE_STORAGE], [0x0008, 0x0018, 'UI', sop],
    [0x0008, 0x0060, 'CS', 'US'], [0x0008, 0x103e, 'LO', 'Liver'],
    [0x0020, 0x000e, 'UI', uid(2, 1)], [0x0020, 0x0011, 'IS', '1'], [0x0020, 0x0013, 'IS', '1'],
    [0x0028, 0x0002, 'US', [3]], [0x0028, 0x0004, 'CS', 'RGB'], [0x0028, 0x0006, 'US', [0]],
    [0x0028, 0x0010, 'US', [H]], [0x0028, 0x0011, 'US', [W]],
    [0x0028, 0x0100, 'US', [8]], [0x0028, 0x0101, 'US', [8]], [0x0028, 0x0102, 'US', [7]], [0x0028, 0x0103, 'US', [0]],
    [0x7fe0, 0x0010, 'OB', px],
  ]);
  return { name: 'us-1.dcm', ds, sop };
}

async function write(name: string, ds: Item, sopClass: string, sop: string): Promise<number> {
  const sink = new MemorySink();
  const meta = buildFileMeta(sopClass, sop, EXPLICIT_VR_LE);
  await writePart10({ source: new MemorySource(new Uint8Array(0)), meta, dataset: ds, encoding: { explicitVR: true, littleEndian: true }, deflate: false }, sink);
  writeFileSync(new URL(name, OUT), sink.bytes());
  return sink.size;
}

mkdirSync(OUT, { recursive: true });
const files: string[] = [];
let total = 0;
for (let i = 0; i < 4; i++) {
  const s = ctSlice(i);
  total += await write(s.name, s.ds, CT_IMAGE_STORAGE, s.sop);
  files.push(s.name);
}
const us = ultrasound();
total += await write(us.name, us.ds, US_IMAGE_STORAGE, us.sop);
files.push(us.name);
writeFileSync(new URL('index.json', OUT), JSON.stringify({ files }, null, 2) + '\n');
console.log(`wrote ${files.length} files (${(total / 1024).toFixed(0)} KiB) to public/samples/`);
