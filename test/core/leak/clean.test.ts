// The leak gate that cleans what it can (src/core/leak/clean.ts), on synthetic CT files
// de-identified in memory with a value planted in the output (helpers.ts): a family name in a
// code string (Body Part Examined) is emptied, a Detector ID inside Detector Description is
// masked there, the output rewritten and clean on a second look; a registry UID (a transfer
// syntax in a nested item) is never an identifying value; a name in a binary private value
// cannot be cleaned and stays a leak; an output path leak stays a leak; a deflated output is
// rewritten deflated; an output in a store other than memory is rewritten there.

import { inEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, test } from 'vitest';
import { findElement } from '../../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { collectIdentifyingValues } from '../../../src/core/leak/candidates.ts';
import { gateAndClean, type OutputStore } from '../../../src/core/leak/clean.ts';
import { runLeakGate } from '../../../src/core/leak/gate.ts';
import { DEFAULT_OPTIONS } from '../../../src/core/profile/options.ts';
import { CT_VALUES, makeCtLike, T, type FxElement } from '../../fixtures/make.ts';
import { deidentify, latin1, plant, read, session } from './helpers.ts';

const withExtra = (extra: FxElement[]) => makeCtLike({ extra });
const BODY_PART = 0x00180015;
const DETECTOR_ID = 0x0018700a;
const DETECTOR_DESCRIPTION = 0x00187006;
const text = (b: Uint8Array | undefined) => (b ? latin1(b) : '');
const valueOf = async (bytes: Uint8Array, tag: number) => {
  const el = findElement((await readPart10(new MemorySource(bytes))).dataset, tag);
  return el && el.value.kind === 'bytes' ? text(el.value.bytes).trim() : undefined;
};
const bytesOf = async (source: { size: number; read(o: number, n: number): Promise<Uint8Array> }) => source.read(0, source.size);

describe('gateAndClean', () => {
  test('a family name in Body Part Examined (CS, kept as unlisted) is a leak, and the value is emptied', async () => {
    const { output, original, s } = await plant((v) => withExtra([{ tag: BODY_PART, vr: 'CS', value: v }]), 'DOE');
    // The gate alone flags it: a name in a code is no notice.
    const plain = await runLeakGate(original, output, null, s.options);
    expect(plain.leaks).toContainEqual(expect.objectContaining({ value: 'Doe', foundIn: 'element BodyPartExamined (0018,0015)' }));
    const r = await gateAndClean(original, { source: new MemorySource(output) }, null, s.options);
    expect(r.leaks).toEqual([]);
    expect(r.cleaned).toEqual([{ attribute: 'BodyPartExamined (0018,0015)', source: 'PatientName (0010,0010)', kind: 'name', how: 'emptied' }]);
    expect(r.warnings.map(inEnglish)).toEqual(['the leak gate found a value of PatientName (0010,0010) in BodyPartExamined (0018,0015) and emptied that value']);
    const cleaned = await bytesOf(r.rewritten!.source);
    expect(await valueOf(cleaned, BODY_PART)).toBe('');
    expect(await valueOf(cleaned, T.Manufacturer)).toBe(await valueOf(output, T.Manufacturer));
    expect((await runLeakGate(original, cleaned, null, s.options)).leaks).toEqual([]);
  });

  test('a Detector Description holding the Detector ID is masked there, the rest of the value kept', async () => {
    const build = (v: Uint8Array) => withExtra([{ tag: DETECTOR_ID, vr: 'SH', value: 'DET-4711' }, { tag: DETECTOR_DESCRIPTION, vr: 'LO', value: v }]);
    const { output, original, s } = await plant(build, 'Flat panel DET-4711 rev B');
    const r = await gateAndClean(original, { source: new MemorySource(output) }, null, s.options);
    expect(r.leaks).toEqual([]);
    expect(r.cleaned).toEqual([{ attribute: 'DetectorDescription (0018,7006)', source: 'DetectorID (0018,700A)', kind: 'id', how: 'masked' }]);
    const cleaned = await bytesOf(r.rewritten!.source);
    expect(await valueOf(cleaned, DETECTOR_DESCRIPTION)).toBe('Flat panel ******** rev B');
    expect(latin1(cleaned)).not.toContain('DET-4711');
    expect(r.rewritten!.parsed.dataset.elements.length).toBe((await read(output)).dataset.elements.length);
  });

  test('a registry UID (a transfer syntax in a nested item) is never an identifying value', async () => {
    const nested: FxElement = {
      tag: 0x00081110, vr: 'SQ', undefinedLength: false,
      value: [{ elements: [{ tag: 0x00041512, vr: 'UI', value: '1.2.840.10008.1.2.1' }, { tag: 0x00081150, vr: 'UI', value: '1.2.840.10008.3.1.2.3.1' }], undefinedLength: false }],
    };
    const input = withExtra([nested]);
    const s = session();
    const output = await deidentify(input, s);
    expect(latin1(output)).toContain('1.2.840.10008.1.2.1'); // the output's own transfer syntax
    const original = await read(input);
    const values = collectIdentifyingValues(original, s.options).candidates.map((c) => c.value);
    expect(values.filter((v) => v.startsWith('1.2.840.10008.'))).toEqual([]);
    const r = await gateAndClean(original, { source: new MemorySource(output) }, null, s.options);
    expect(r.leaks).toEqual([]);
    expect(r.rewritten).toBeNull();
  });

  test('a name in a private binary value (OB) cannot be cleaned: it stays a leak and nothing is rewritten', async () => {
    const build = (v: Uint8Array) => withExtra([{ tag: 0x00190010, vr: 'LO', value: 'GEMS_ACQU_01' }, { tag: 0x0019109e, vr: 'OB', value: v }]);
    const { output, original, s } = await plant(build, CT_VALUES.patientName, { retainSafePrivate: true });
    const r = await gateAndClean(original, { source: new MemorySource(output) }, null, s.options);
    expect(r.leaks).toContainEqual(expect.objectContaining({ value: CT_VALUES.patientName, foundIn: 'element (0019,109E) (0019,109E)' }));
    expect(r.cleaned).toEqual([]);
    expect(r.rewritten).toBeNull();
  });

  test('a leak in the output path stays a leak, while the values are cleaned', async () => {
    const { output, original, s } = await plant((v) => withExtra([{ tag: BODY_PART, vr: 'CS', value: v }]), 'DOE');
    const r = await gateAndClean(original, { source: new MemorySource(output) }, `${CT_VALUES.patientId}/x.dcm`, s.options);
    expect(r.leaks).toEqual([expect.objectContaining({ value: CT_VALUES.patientId, foundIn: 'output path' })]);
    expect(r.cleaned.map((c) => c.attribute)).toEqual(['BodyPartExamined (0018,0015)']);
  });

  test('the rewrite goes to the store given (a streamed output is not rebuilt in memory by the gate)', async () => {
    const { output, original, s } = await plant((v) => withExtra([{ tag: BODY_PART, vr: 'CS', value: v }]), 'DOE');
    const made: MemorySink[] = [];
    const store: OutputStore = {
      create: () => Promise.resolve(made[made.push(new MemorySink()) - 1]),
      open: (sink) => Promise.resolve(new MemorySource((sink as MemorySink).bytes(), 'rewritten')),
    };
    const r = await gateAndClean(original, { source: new MemorySource(output), parsed: await read(output) }, null, s.options, { store });
    expect(made).toHaveLength(1);
    expect(r.rewritten!.sink).toBe(made[0]);
    expect((r.rewritten!.source as MemorySource).name).toBe('rewritten');
    expect(r.leaks).toEqual([]);
  });
});
