// What the benchmark burns in: the identifiers Chinese devices print on images — names in 汉字
// and pinyin, 18-digit resident IDs with a valid GB 11643-1999 check digit, hospital and exam
// numbers, dates and times, hospital names — each after a label as devices write them, drawn
// from a seeded generator so a seed always gives the same image.

import { residentIdCheckDigit } from '../../src/core/detect/index.ts';

export type Rng = () => number;

/** mulberry32 */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const digits = (r: Rng, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

const SURNAMES: [string, string][] = [['张', 'Zhang'], ['王', 'Wang'], ['李', 'Li'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'], ['赵', 'Zhao'], ['周', 'Zhou'], ['吴', 'Wu'], ['徐', 'Xu'], ['孙', 'Sun'], ['欧阳', 'Ouyang']];
const GIVEN: [string, string][] = [['伟', 'Wei'], ['芳', 'Fang'], ['秀英', 'Xiuying'], ['建国', 'Jianguo'], ['丽', 'Li'], ['强', 'Qiang'], ['敏', 'Min'], ['静', 'Jing'], ['志明', 'Zhiming'], ['海燕', 'Haiyan'], ['俊杰', 'Junjie'], ['晓东', 'Xiaodong']];
const HOSPITALS = ['北京协和医院', '复旦大学附属中山医院', '四川大学华西医院', '广州市第一人民医院', 'Peking Union Medical College Hospital', 'West China Hospital', 'Ruijin Hospital'];
const REGIONS = ['110101', '310104', '440106', '510107', '320102', '330106'];

export interface Field {
  kind: 'name' | 'pinyin' | 'resident-id' | 'hospital-number' | 'exam-number' | 'date' | 'hospital';
  label: string;
  value: string;
}

function residentId(r: Rng): string {
  const y = 1930 + Math.floor(r() * 90);
  const m = String(1 + Math.floor(r() * 12)).padStart(2, '0');
  const d = String(1 + Math.floor(r() * 28)).padStart(2, '0');
  const first17 = `${pick(r, REGIONS)}${y}${m}${d}${digits(r, 3)}`;
  return first17 + residentIdCheckDigit(first17);
}

function date(r: Rng): string {
  const y = 2015 + Math.floor(r() * 11);
  const m = String(1 + Math.floor(r() * 12)).padStart(2, '0');
  const d = String(1 + Math.floor(r() * 28)).padStart(2, '0');
  const t = `${String(Math.floor(r() * 24)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}`;
  return pick(r, [`${y}-${m}-${d}`, `${y}/${m}/${d} ${t}`, `${y}${m}${d}`, `${y}.${m}.${d}`, `${d}-${['Jan', 'Mar', 'May', 'Aug', 'Nov'][Math.floor(r() * 5)]}-${y}`]);
}

/** The fields of one image: a name (汉字 or pinyin or both), an ID, numbers, a date, a hospital. */
export function fields(r: Rng): Field[] {
  const [sh, sp] = pick(r, SURNAMES);
  const [gh, gp] = pick(r, GIVEN);
  const out: Field[] = [];
  const nameForm = r();
  if (nameForm < 0.7) out.push({ kind: 'name', label: pick(r, ['姓名:', '', 'Name:']), value: sh + gh });
  if (nameForm >= 0.4) out.push({ kind: 'pinyin', label: pick(r, ['', 'Name:', 'PN:']), value: pick(r, [`${sp.toUpperCase()} ${gp.toUpperCase()}`, `${sp} ${gp}`, `${sp}^${gp}`, `${sp.toUpperCase()}^${gp.toUpperCase()}`]) });
  out.push({ kind: 'resident-id', label: pick(r, ['身份证号:', 'ID:', '']), value: residentId(r) });
  if (r() < 0.7) out.push({ kind: 'hospital-number', label: pick(r, ['住院号:', '门诊号:', 'MRN:', 'PID:']), value: pick(r, [digits(r, 8), `ZY${digits(r, 7)}`, digits(r, 10)]) });
  if (r() < 0.5) out.push({ kind: 'exam-number', label: pick(r, ['检查号:', 'Acc:', 'Exam:']), value: pick(r, [`CT${digits(r, 9)}`, `${digits(r, 6)}-${digits(r, 3)}`, digits(r, 9)]) });
  out.push({ kind: 'date', label: pick(r, ['检查日期:', 'Date:', '']), value: date(r) });
  if (r() < 0.6) out.push({ kind: 'hospital', label: '', value: pick(r, HOSPITALS) });
  return out;
}
