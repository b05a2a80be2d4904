// Every corpus file that pydicom 2.3 reads completely (dcmread with force=True, every value
// converted, no value cut short, pixel data whole) gets an output from the core, or a refusal or
// skip that names a real risk. pydicom is asked once for all files (pydicom-reads.py).
// Skipped with a message when ../shared/corpus or pydicom is absent; in CI (CI=true) a missing
// pydicom fails the test instead.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deidentifyFile } from '../../../src/core/deid/process-file.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { makeTestSession } from '../helpers.ts';
import { askPydicom, pydicomMissing, pydicomRequired } from './pydicom.ts';
import { reasonText } from '../../helpers/messages.ts';

const corpus = join(import.meta.dirname, '../../../../shared/corpus');
const corpusPresent = existsSync(join(corpus, 'MANIFEST.tsv'));
const missing = pydicomMissing();
const skip = !corpusPresent || (missing !== undefined && !pydicomRequired);
if (!corpusPresent) console.warn(`pydicom parity: ${corpus} is absent; the corpus parity test is SKIPPED`);
else if (missing && !pydicomRequired) console.warn(`pydicom parity: ${missing}; the corpus parity test is SKIPPED (CI=true makes this a failure)`);

/** Refusals and skips that name a real risk, so they are right even for files pydicom reads. */
const NAMED_RISKS = [
  /^DICOMDIR \(media directory\): not copied, because it names the original files and patients/,
];

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe.skipIf(skip)('pydicom parity over ../shared/corpus', () => {
  it('every file pydicom reads completely is de-identified or refused for a named risk', async () => {
    if (missing) throw new Error(`CI=true but ${missing}`);
    const all = files(corpus).filter((f) => !/\/(MANIFEST\.tsv|README\.md)$/.test(f));
    const pydicom = askPydicom(all);
    const complete = all.filter((f) => pydicom[f]?.verdict === 'complete');
    expect(complete.length).toBeGreaterThan(all.length * 0.9);
    const session = makeTestSession();
    const unexplained: string[] = [];
    for (const f of complete) {
      const r = await deidentifyFile(new MemorySource(new Uint8Array(readFileSync(f))), new MemorySink(), session);
      if (r.status === 'ok') continue;
      if (NAMED_RISKS.some((risk) => risk.test(reasonText(r) ?? ''))) continue;
      unexplained.push(`${f.slice(corpus.length + 1)}: ${r.status}: ${reasonText(r)}`);
    }
    expect(unexplained).toEqual([]);
  });
});
