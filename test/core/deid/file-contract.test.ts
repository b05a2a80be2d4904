// The per-file contract on real bytes: an ok file is named by pseudonym and new UIDs and carries
// its digests and pairs; a file whose kept name holds the Patient ID is flagged with a coded
// reason; an output that does not re-read is refused and its medium discarded; a dry run makes
// no medium; a non-DICOM input is skipped with a code.
import { describe, expect, it } from 'vitest';
import { processFile, type OutputMedium } from '../../../src/core/deid/file-contract.ts';
import { sha256Hex } from '../../../src/core/audit/hashing.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { inEnglish } from '../../../src/i18n/render-code.ts';
import { makeCtLike } from '../../fixtures/make.ts';
import { makeTestSession } from '../helpers.ts';

/** A memory medium that records whether it was discarded; `mangle` changes the bytes as written. */
function medium(mangle: (b: Uint8Array) => Uint8Array = (b) => b) {
  const sink = new MemorySink();
  const m = {
    made: 0, discarded: 0, sink,
    written: async () => {
      const bytes = mangle(sink.bytes());
      return { source: new MemorySource(bytes), sha256: sha256Hex(bytes), bytes: bytes.length };
    },
    adopt: async (rewritten: { source: MemorySource | import('../../../src/core/io/byte-source.ts').ByteSource }) => {
      const bytes = await rewritten.source.read(0, rewritten.source.size);
      return { sha256: sha256Hex(bytes), bytes: bytes.length };
    },
    discard: async () => void m.discarded++,
  };
  return m;
}

const run = (input: Uint8Array, m: ReturnType<typeof medium>, extra: { keepPath?: string; dryRun?: boolean } = {}) =>
  processFile({ source: new MemorySource(input), inputSha256: async () => sha256Hex(input), session: makeTestSession(), ...extra, medium: (): OutputMedium => (m.made++, m) });

describe('processFile (the per-file contract)', () => {
  it('names an ok output by pseudonym and new UIDs, with digests, ids and pairs', async () => {
    const input = makeCtLike({ patientId: 'PID-0042' });
    const m = medium();
    const o = await run(input, m);
    expect(o.status, JSON.stringify(o.reason)).toBe('ok');
    expect(o.name).toBe(`${o.ids!.patientID}/${o.ids!.studyInstanceUID}/${o.ids!.seriesInstanceUID}/${o.ids!.sopInstanceUID}.dcm`);
    expect(o.name).toMatch(/^VEIL-[0-9A-Z]+\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);
    expect(o.inputSha256).toBe(sha256Hex(input));
    expect(o.outputSha256).toBe(sha256Hex(m.sink.bytes()));
    expect(o.patientIds).toEqual([['PID-0042', o.ids!.patientID]]);
    expect(o.uids.length).toBeGreaterThan(2);
    expect(m.discarded).toBe(0);
  });

  it('flags a kept path that holds the Patient ID, with a coded reason and keyed digests', async () => {
    const m = medium();
    const o = await run(makeCtLike({ patientId: 'PID-0077' }), m, { keepPath: 'in/PID-0077/a.dcm' });
    expect(o.status).toBe('flagged');
    expect(o.reason?.code).toBe('leak-flagged');
    expect(inEnglish(o.reason!)).toBe('the leak gate found 1 identifying value of the original in the output (PatientID (0010,0020) in output path); no output was kept');
    expect(JSON.stringify([o.reason, o.leaks])).not.toContain('PID-0077');
    expect(o.leaks[0]).toMatchObject({ source: 'PatientID (0010,0020)', foundIn: 'output path' });
  });

  it('refuses an output that fails its re-read check and discards the medium', async () => {
    const m = medium((b) => b.subarray(0, b.length - 40));
    const o = await run(makeCtLike(), m);
    expect(o.status).toBe('refused');
    expect(o.reason?.code).toBe('reread-failed');
    expect(inEnglish(o.reason!)).toMatch(/^the written output failed its re-read check: /);
    expect(m.discarded).toBe(1);
    expect(o.name).toBeNull();
  });

  it('makes no medium for a dry run, and skips a non-DICOM input with a code', async () => {
    const m = medium();
    expect((await run(makeCtLike(), m, { dryRun: true })).status).toBe('ok');
    expect(m.made).toBe(0);
    const text = new TextEncoder().encode('just a text file, no DICOM here at all'.repeat(10));
    const o = await run(text, m);
    expect(o).toMatchObject({ status: 'skipped', reason: { code: 'not-dicom' } });
    expect(m.discarded).toBe(1);
  });
});
