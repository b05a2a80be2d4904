// Numbers after an identifier label: 住院号 / 门诊号 / 检查号 / 影像号 / 床号 / 病案号 / 病历号 / ID号 /
// 登记号 ... and MRN, Hospital No, Patient ID, Accession ... followed by an optional ":", "=", "#",
// "是" or "为". Only the number is reported ("住院号：***" stays readable). A bare "ID" or "HN" counts
// only at the start of a clause and before 4+ digits; ID-card labels yield to a valid resident ID.

import type { Candidate } from './types.ts';
import { isValidResidentId, isValidResidentId15 } from './resident-id.ts';

const CN_PREFIX =
  '住院|入院|出院|门诊|急诊|检查|影像|放射|病案|病历|登记|就诊卡|就诊|申请单|申请|会诊单|会诊|转诊|预约|挂号|医嘱|体检|' +
  '病理|标本|送检|超声|报告|流水|条码|病人|患者|' +
  '医保卡|医保|社保卡|社保|健康卡|就医卡|卡|X线|CT|MR|MRI|DR|DX|PET|ECT|DSA|ID';
const CN_LABEL = `(?:${CN_PREFIX})(?:号码|编号|号|ID)|床位号|床号|病人编号|患者编号|住院病案号|身份证号码|身份证号|身份证|证件号码|证件号|护照号码|护照号|军官证号`;
const EN_LABEL =
  'MRN|MR\\s?#|MR\\s*(?:No\\.?|Number)|UR\\s*(?:No\\.?|Number)|Med(?:ical)?\\.?\\s+Rec(?:ord)?\\.?\\s*(?:No\\.?|Number|#)|' +
  'Hosp(?:ital)?\\.?\\s*(?:No\\.?|Number|ID|#)|Pt\\.?\\s*(?:ID|No\\.?|#)|Patient\\s*(?:ID|No\\.?|Number|#)|PID|' +
  'Acc(?:ession)?\\.?\\s*(?:No\\.?|Number|ID|#)|Accession|Study\\s*(?:ID|No\\.?|#)|Exam(?:ination)?\\s*(?:ID|No\\.?|Number|#)|' +
  'Order\\s*(?:ID|No\\.?|Number|#)|Visit\\s*(?:ID|No\\.?|Number|#)|Encounter\\s*(?:ID|No\\.?|#)|Bed\\s*(?:No\\.?|#)|' +
  'NHS\\s*(?:No\\.?|Number)|Inpatient\\s*(?:ID|No\\.?|#)|Outpatient\\s*(?:ID|No\\.?|#)|Admission\\s*(?:ID|No\\.?|#)|ID\\s*card(?:\\s*No\\.?)?|Passport\\s*(?:No\\.?|#)?';
const SEP = '\\s*(?:[:=#]|是|为)?\\s*';
// NHS numbers are written 3-3-4 with spaces; other values are one token.
const VALUE = '((?<=NHS\\s*(?:No\\.?|Number)\\s*:?\\s*)\\d{3} \\d{3} \\d{4}|(?:[A-Za-z]{1,6}[-_]?)?\\d[0-9A-Za-z]*(?:[-_/][0-9A-Za-z]+)*)';

// Longest labels first inside each alternation; English labels must not continue a word.
const STRONG = new RegExp(`(?:(${CN_LABEL})|(?<![A-Za-z])(${EN_LABEL}))${SEP}${VALUE}(?![0-9A-Za-z])`, 'gi');
// "ID" or "HN" (hospital number) only where a clause starts (not "Protocol ID", 设备ID), 4+ digits.
const WEAK = new RegExp(`(?<![A-Za-z][ \\t]*)(?<![A-Za-z0-9_])(?<!(?:设备|机器|协议|序列|线圈|工作站|软件|版本|图像|部位)\\s*)(?:ID|HN)(?:\\s*(?:No\\.?|#))?\\s*(?:[:=#]\\s*)?((?:[A-Za-z]{1,4}[-_]?)?\\d{4,}[0-9A-Za-z]*)(?![0-9A-Za-z])`, 'gu');
const ID_CARD = /身份证|证件|ID\s*card/i;

function push(out: Candidate[], m: RegExpExecArray, value: string): void {
  const end = m.index + m[0].length;
  out.push({ kind: 'hospital-number', start: end - value.length, end });
}

export function detectLabelledNumbers(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(STRONG)) {
    const label = m[1] ?? m[2] ?? '';
    const value = m[3];
    if (ID_CARD.test(label) && (isValidResidentId(value) || isValidResidentId15(value))) continue;
    push(out, m, value);
  }
  for (const m of text.matchAll(WEAK)) push(out, m, m[1]);
}
