// Character sets end to end (PS3.5 §6.1, Annexes J and K): Chinese names in GBK, GB18030 and
// ISO 2022 IR 58 are decoded in the plan, kept text keeps its bytes, a Chinese pseudonym from a
// mapping switches an ISO_IR 100 file to ISO_IR 192, and mislabelled GBK bytes give a warning.

import { describe, expect, it } from 'vitest';
import { parseMappingCsv } from '../../../src/core/deid/pseudonymizer.ts';
import { T, makeCtLike, type FxElement } from '../../fixtures/make.ts';
import { at, contains, deid, makeTestSession, planRows, raw, rowAt, text, utf8 } from '../helpers.ts';
import { warningTexts } from '../../helpers/messages.ts';

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/), (h) => parseInt(h, 16));
const ZHANG_WEI_GBK = hex('D5 C5 CE B0'); // 张伟
const GB18030_NAME = hex('C5 B7 D1 F4 C4 C8 81 39 EE 39'); // 欧阳娜㐀 (㐀 needs GB18030's four-byte form)
// "Zhang^Wei=ESC $ ) A 张 ^ ESC $ ) A 伟" (PS3.5 K.2 style: G1 designated per component group).
const ISO_IR_58_NAME = hex('5A 68 61 6E 67 5E 57 65 69 3D 1B 24 29 41 D5 C5 5E 1B 24 29 41 CE B0');
const UNITED_IMAGING_GBK = hex('C1 AA D3 B0'); // 联影

describe('Chinese names', () => {
  it('GBK: the plan shows the decoded name; the pseudonym replaces it; kept GBK text keeps its bytes', async () => {
    const input = makeCtLike({
      specificCharacterSet: 'GBK', patientName: ZHANG_WEI_GBK,
      extra: [{ tag: T.ManufacturerModelName, vr: 'LO', value: UNITED_IMAGING_GBK }],
    });
    const { rows, result } = await planRows(input);
    expect(rowAt(rows, '(0010,0010)').original).toBe('张伟');
    expect(rowAt(rows, '(0008,1090)').original).toBe('联影');
    expect(result.warnings).toEqual([]);
    const { file, bytes } = await deid(input);
    expect(text(at(file.dataset, T.SpecificCharacterSet))).toBe('GBK');
    expect(text(at(file.dataset, T.PatientName))).toMatch(/^VEIL\^/);
    expect(Array.from(raw(at(file.dataset, T.ManufacturerModelName)))).toEqual(Array.from(UNITED_IMAGING_GBK));
    expect(contains(bytes, ZHANG_WEI_GBK)).toBe(false);
  });

  it('GB18030 (four-byte sequences included) is decoded in the plan', async () => {
    const input = makeCtLike({ specificCharacterSet: 'GB18030', patientName: GB18030_NAME });
    const { rows } = await planRows(input);
    expect(rowAt(rows, '(0010,0010)').original).toBe('欧阳娜㐀');
    expect(rowAt(rows, '(0010,0010)').result).toMatch(/^VEIL\^/);
    const { bytes } = await deid(input);
    expect(contains(bytes, GB18030_NAME.subarray(0, 6))).toBe(false);
  });

  it('ISO 2022 IR 58 (\\ISO 2022 IR 58) is decoded with its escape sequences', async () => {
    const input = makeCtLike({ specificCharacterSet: ['', 'ISO 2022 IR 58'], patientName: ISO_IR_58_NAME });
    const { rows, result } = await planRows(input);
    expect(rowAt(rows, '(0010,0010)').original).toBe('Zhang^Wei=张^伟');
    expect(result.warnings).toEqual([]);
    const { file, bytes } = await deid(input);
    expect(text(at(file.dataset, T.SpecificCharacterSet))).toBe('\\ISO 2022 IR 58');
    expect(contains(bytes, 'Zhang^Wei')).toBe(false);
  });

  it('an item with its own Specific Character Set is decoded with it', async () => {
    const input = makeCtLike({
      extra: [{ tag: T.RequestAttributesSequence, vr: 'SQ', value: [{ elements: [
        { tag: T.SpecificCharacterSet, vr: 'CS', value: 'GB18030' },
        { tag: T.PatientName, vr: 'PN', value: ZHANG_WEI_GBK },
      ] }] }],
    });
    const { rows } = await planRows(input, makeTestSession({ cleanDescriptors: true }));
    expect(rowAt(rows, '(0040,0275)[0].(0010,0010)').original).toBe('张伟');
  });
});

describe('mapping to a name the file cannot hold', () => {
  it('a Chinese new name for an ISO_IR 100 file switches the output to ISO_IR 192 and re-encodes kept text', async () => {
    const latin1Institution = Uint8Array.from('Hôpital Saint-Éloi', (c) => c.charCodeAt(0));
    const input = makeCtLike({ extra: [{ tag: T.InstitutionName, vr: 'LO', value: latin1Institution }] });
    const mapping = parseMappingCsv('id_old,id_new,new_name\nPID-0042,P-001,张^伟\n');
    const session = makeTestSession({ retainInstitutionIdentity: true }, undefined, mapping);
    const { file, result } = await deid(input, session);
    expect(text(at(file.dataset, T.SpecificCharacterSet))).toBe('ISO_IR 192');
    expect(utf8(at(file.dataset, T.PatientName))).toBe('张^伟');
    expect(text(at(file.dataset, T.PatientID))).toBe('P-001');
    expect(utf8(at(file.dataset, T.InstitutionName))).toBe('Hôpital Saint-Éloi');
    expect(warningTexts(result).some((w) => w.includes('ISO_IR 192'))).toBe(true);
    expect(result.outcome?.charsetSwitchedToUtf8).toBe(true);
    // Only one Specific Character Set element, in tag order.
    expect(file.dataset.elements.filter((e) => e.tag === T.SpecificCharacterSet)).toHaveLength(1);
    const { rows } = await planRows(input, makeTestSession({ retainInstitutionIdentity: true }, undefined, mapping));
    expect(rowAt(rows, '(0010,0010)').result).toBe('张^伟');
  });

  it('an ASCII new name leaves the character set alone', async () => {
    const mapping = parseMappingCsv('id_old,id_new\nPID-0042,P-002\n');
    const { file, result } = await deid(makeCtLike(), makeTestSession({}, undefined, mapping));
    expect(text(at(file.dataset, T.SpecificCharacterSet))).toBe('ISO_IR 100');
    expect(text(at(file.dataset, T.PatientName))).toBe('P-002');
    expect(result.outcome?.charsetSwitchedToUtf8).toBe(false);
  });
});

describe('mislabelled text', () => {
  it('GBK bytes in a file without (0008,0005) give one warning', async () => {
    const extra: FxElement[] = [{ tag: T.StudyDescription, vr: 'LO', value: UNITED_IMAGING_GBK }];
    const input = makeCtLike({ omit: [T.SpecificCharacterSet], patientName: ZHANG_WEI_GBK, extra });
    const { result } = await planRows(input);
    const gbk = warningTexts(result).filter((w) => /GBK/.test(w));
    expect(gbk.length).toBe(1);
    expect(gbk[0]).toContain('张伟');
    expect(new Set(result.warnings).size).toBe(result.warnings.length);
    // Mislabelled bytes only in a description (not an identifier the engine decodes up front): still one warning.
    const onlyDescription = makeCtLike({ omit: [T.SpecificCharacterSet], extra });
    const w2 = warningTexts((await planRows(onlyDescription)).result).filter((w) => /GBK/.test(w));
    expect(w2).toHaveLength(1);
    expect(w2[0]).toContain('联影');
    // Also without plan rows (nothing else decodes the removed description).
    const w3 = warningTexts((await deid(onlyDescription)).result).filter((w) => /GBK/.test(w));
    expect(w3).toEqual(w2);
  });

  it('Latin-1 text in an ISO_IR 100 file gives no warning', async () => {
    const input = makeCtLike({ patientName: Uint8Array.from('Müller^Jérôme', (c) => c.charCodeAt(0)) });
    const { rows, result } = await planRows(input);
    expect(rowAt(rows, '(0010,0010)').original).toBe('Müller^Jérôme');
    expect(result.warnings).toEqual([]);
  });
});
