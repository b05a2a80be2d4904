// Helpers of the leak gate tests: de-identify a synthetic file in memory with a fixed key, then
// run the gate on the written output against the original. `planted` builds the output a
// de-identifier would write had it left one value alone (the core keeps improving its own
// cleaning, so a test of the gate must not rely on it missing something): the input is
// de-identified with a placeholder of the same length in that place, and the value is then put
// over the placeholder in the written bytes.

import { readPart10, type DicomFile } from '../../../src/core/dicom/reader.ts';
import { deidentifyFile } from '../../../src/core/deid/process-file.ts';
import { Pseudonymizer } from '../../../src/core/deid/pseudonymizer.ts';
import { UidRemapper } from '../../../src/core/deid/uid-remapper.ts';
import type { SessionState } from '../../../src/core/deid/file-rules.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { runLeakGate, type LeakGateResult } from '../../../src/core/leak/gate.ts';
import { DEFAULT_OPTIONS, type ProfileOptions } from '../../../src/core/profile/options.ts';
import { reasonText } from '../../helpers/messages.ts';

export const KEY = Uint8Array.from({ length: 32 }, (_, i) => 7 * i + 3);

export function session(options: Partial<ProfileOptions> = {}): SessionState {
  return { key: KEY, options: { ...DEFAULT_OPTIONS, ...options }, uids: new UidRemapper(KEY), pseudonyms: new Pseudonymizer(KEY) };
}

export const read = (b: Uint8Array): Promise<DicomFile> => readPart10(new MemorySource(b));

export async function deidentify(input: Uint8Array, s: SessionState = session()): Promise<Uint8Array> {
  const sink = new MemorySink();
  const r = await deidentifyFile(new MemorySource(input), sink, s);
  if (r.status !== 'ok') throw new Error(`de-identification failed: ${r.status} ${reasonText(r)}`);
  return sink.bytes();
}

export interface Gated extends LeakGateResult {
  output: Uint8Array;
  original: DicomFile;
}

/** De-identify `input` and run the gate on the output (path: `outputPath`, none when null). */
export async function gate(input: Uint8Array, options: Partial<ProfileOptions> = {}, outputPath: string | null = null): Promise<Gated> {
  const s = session(options);
  const output = await deidentify(input, s);
  const original = await read(input);
  const r = await runLeakGate(original, output, outputPath, s.options);
  return { ...r, output, original };
}

/** Latin-1 text of bytes, for asserting what the output holds. */
export const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

/** Pad to even length with a space, as DICOM text values are. */
export const even = (b: Uint8Array): Uint8Array => (b.length % 2 ? Uint8Array.from([...b, 0x20]) : b);

/** The output a de-identifier would write had it left `value` alone where `build` puts it (see the header), with its original. */
export async function plant(
  build: (value: Uint8Array) => Uint8Array,
  value: string | Uint8Array,
  options: Partial<ProfileOptions> = {},
): Promise<{ output: Uint8Array; original: DicomFile; s: SessionState }> {
  const bytes = even(typeof value === 'string' ? new TextEncoder().encode(value) : value);
  const placeholder = new Uint8Array(bytes.length).fill(0x5a); // "ZZZZ…"
  const s = session(options);
  const output = await deidentify(build(placeholder), s);
  const at = indexOf(output, placeholder);
  if (at < 0 || indexOf(output, placeholder, at + 1) >= 0) throw new Error('the placeholder is not in the output exactly once');
  output.set(bytes, at);
  return { output, original: await read(build(bytes)), s };
}

export async function planted(
  build: (value: Uint8Array) => Uint8Array,
  value: string | Uint8Array,
  options: Partial<ProfileOptions> = {},
  outputPath: string | null = null,
): Promise<Gated> {
  const { output, original, s } = await plant(build, value, options);
  const r = await runLeakGate(original, output, outputPath, s.options);
  return { ...r, output, original };
}

export function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
