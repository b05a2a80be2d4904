// Patient mapping CSV: accepted layouts, errors with row numbers, and a patient missing from the
// mapping refusing the file (never a silent fall-back to the keyed pseudonym).

import { errorInEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../src/core/deid/process-file.ts';
import { parseMappingCsv } from '../../../src/core/deid/pseudonymizer.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { CT_VALUES, T, makeCtLike } from '../../fixtures/make.ts';
import { at, contains, deid, makeTestSession, text } from '../helpers.ts';
import { reasonText } from '../../helpers/messages.ts';

const pairs = (text: string) => [...parseMappingCsv(text).byId].map(([k, v]) => [k, v.patientID, v.patientName]);

describe('parseMappingCsv', () => {
  it('reads the usual header spellings, case-insensitively', () => {
    expect(pairs('id_old,id_new\nA1,P1\n')).toEqual([['A1', 'P1', 'P1']]);
    expect(pairs('Original,New,Name\nA1,P1,Doe^Anon\n')).toEqual([['A1', 'P1', 'Doe^Anon']]);
    expect(pairs('PatientID,NewPatientID,NewPatientName\nA1,P1,X^Y\n')).toEqual([['A1', 'P1', 'X^Y']]);
    expect(pairs(' ID_OLD , ID_NEW \n A1 , P1 \n')).toEqual([['A1', 'P1', 'P1']]);
    // Column order does not matter.
    expect(pairs('new_name,id_new,id_old\nN^M,P1,A1\n')).toEqual([['A1', 'P1', 'N^M']]);
  });

  it('handles a BOM, CRLF, blank lines, quotes with commas and doubled quotes, and no final newline', () => {
    const csv = '\uFEFFid_old,id_new,name\r\n"A,1",P1,"Doe, ""J"""\r\n\r\nB2,P2,\r\nC3,P3';
    expect(pairs(csv)).toEqual([['A,1', 'P1', 'Doe, "J"'], ['B2', 'P2', 'P2'], ['C3', 'P3', 'P3']]);
  });

  it('rejects empty files, missing columns, missing values and duplicates, naming the row', () => {
    const refusal = (text: string): string => {
      try {
        parseMappingCsv(text);
      } catch (err) {
        return errorInEnglish(err);
      }
      return 'accepted';
    };
    expect(refusal('')).toMatch(/empty/);
    expect(refusal('a,b\n1,2\n')).toMatch(/header row/);
    expect(refusal('id_old,id_new\nA1,\n')).toMatch(/row 2/);
    expect(refusal('id_old,id_new\nA1,P1\nB2,P2\nA1,P3\n')).toMatch(/row 4.*twice/);
  });
});

describe('de-identification with a mapping', () => {
  it('uses the mapped ID and name', async () => {
    const mapping = parseMappingCsv(`id_old,id_new,new_name\n${CT_VALUES.patientId},STUDY-007,Subject^Seven\n`);
    const { file, result } = await deid(makeCtLike(), makeTestSession({}, undefined, mapping));
    expect(text(at(file.dataset, T.PatientID))).toBe('STUDY-007');
    expect(text(at(file.dataset, T.PatientName))).toBe('Subject^Seven');
    expect(result.outcome?.ids.patientID).toBe('STUDY-007');
  });

  it('a PatientName column next to PatientID is the original name, never the pseudonym', async () => {
    const csv = `PatientID,PatientName,NewPatientID\n${CT_VALUES.patientId},${CT_VALUES.patientName},SUBJ-01\n`;
    expect(pairs(csv)).toEqual([[CT_VALUES.patientId, 'SUBJ-01', 'SUBJ-01']]);
    const { file, bytes } = await deid(makeCtLike(), makeTestSession({}, undefined, parseMappingCsv(csv)));
    expect(text(at(file.dataset, T.PatientName))).toBe('SUBJ-01');
    expect(contains(bytes, CT_VALUES.patientName)).toBe(false);
  });

  it('a patient missing from the mapping is refused with an error about the mapping, and nothing is written', async () => {
    const mapping = parseMappingCsv('id_old,id_new\nSOMEONE,P1\n');
    for (const input of [makeCtLike(), makeCtLike({ omit: [T.PatientID] })]) {
      const sink = new MemorySink();
      const r = await deidentifyFile(new MemorySource(input), sink, makeTestSession({}, undefined, mapping));
      expect(r.status).toBe('refused');
      expect(reasonText(r)).toMatch(/mapping/i);
      expect(reasonText(r)).not.toContain(CT_VALUES.patientId);
      expect(sink.size).toBe(0);
    }
  });
});
