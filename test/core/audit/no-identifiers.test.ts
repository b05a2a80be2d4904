// An audit log of a run over CT_VALUES files (one of them with the patient name copied into a
// kept attribute, so the leak gate has findings) holds none of the identifying values: inputs
// appear as SHA-256 and index, outputs as SHA-256 and a new-UID path or the hash of a mirrored
// path that repeats the patient's name, findings as keyed digests and attribute names.

import { describe, expect, test } from 'vitest';
import { AuditChain, verifyAuditLog } from '../../../src/core/audit/chain.ts';
import { outputRef, type FilePayload, type ReleasePayload } from '../../../src/core/audit/events.ts';
import { keyFingerprint, sha256Hex } from '../../../src/core/audit/hashing.ts';
import { reportedLeaks, runLeakGate } from '../../../src/core/leak/gate.ts';
import { CT_VALUES, FIXTURE_UID_ROOT, makeCtLike, T } from '../../fixtures/make.ts';
import { deidentify, KEY, read, session } from '../leak/helpers.ts';

const IDENTIFYING = [
  CT_VALUES.patientName, 'Doe', 'Jane', CT_VALUES.patientId, CT_VALUES.otherPatientId, CT_VALUES.patientBirthDate, '1970-02-14', CT_VALUES.accessionNumber,
  CT_VALUES.institutionName, CT_VALUES.institutionAddress, CT_VALUES.referringPhysicianName, CT_VALUES.operatorsName, CT_VALUES.stationName,
  CT_VALUES.deviceSerialNumber, CT_VALUES.imageComments, CT_VALUES.privateValue, CT_VALUES.studyDate, FIXTURE_UID_ROOT, 'PID-0077', 'Roe',
];

describe('an audit log of a run over CT_VALUES files', () => {
  test('holds no identifying value, and verifies', async () => {
    const inputs = [
      makeCtLike(),
      makeCtLike({ patientId: 'PID-0077', patientName: 'Roe^Richard', sopInstanceUID: `${FIXTURE_UID_ROOT}.9.2` }),
      makeCtLike({ sopInstanceUID: `${FIXTURE_UID_ROOT}.9.3`, extra: [{ tag: T.Manufacturer, vr: 'LO', value: CT_VALUES.patientName }] }),
    ];
    const s = session();
    const chain = new AuditChain({ operator: 'Alice Operator' });
    const lines: string[] = [];
    const add = (event: string, payload: object) => lines.push(chain.append(event, payload as Record<string, unknown>).line);
    add('run-start', { tool: 'veil', version: 'test', command: 'anonymize', reviewer: 'Bob Reviewer', keyFingerprint: keyFingerprint(KEY), inputs: inputs.length });
    add('options', { profile: s.options, rename: false, allowFlagged: true, requireReviewer: true, mapping: false });
    let findings = 0;
    for (const [index, input] of inputs.entries()) {
      const output = await deidentify(input, s);
      // A mirrored path that repeats the patient's name: logged only as a hash.
      const rel = `Doe_Jane/${CT_VALUES.patientId}/img${index}.dcm`;
      const gate = await runLeakGate(await read(input), output, rel, s.options);
      const leaks = reportedLeaks(KEY, gate.leaks);
      findings += leaks.length;
      const file: FilePayload = {
        index, sha256: sha256Hex(input), status: leaks.length ? 'flagged' : 'ok', ...outputRef(rel, false), outputSha256: sha256Hex(output),
        released: leaks.length > 0, leaks: leaks.length, leakDigests: leaks.map((l) => l.valueHash), bytesIn: input.length, bytesOut: output.length,
      };
      add('file', file);
      if (leaks.length) {
        const release: ReleasePayload = {
          index, sha256: file.sha256, ...outputRef(rel, false), outputSha256: sha256Hex(output), leaks, releasedBy: 'Alice Operator', reviewer: 'Bob Reviewer', reviewerConfirmed: true,
        };
        add('release', release);
      }
    }
    add('run-end', { files: 3, ok: 0, flagged: 3, released: 3, refused: 0, skipped: 0, interrupted: false, seconds: 1 });
    expect(findings).toBeGreaterThan(0);
    const text = lines.map((l) => l + '\n').join('');
    expect(verifyAuditLog(text).problem).toBeUndefined();
    const lower = text.toLowerCase();
    for (const v of IDENTIFYING) expect(lower, v).not.toContain(v.toLowerCase());
    expect(text).toContain('PatientName (0010,0010)'); // attribute names are fine
  });
});
