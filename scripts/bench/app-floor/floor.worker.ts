// The export worker's per-file work with the DICOM work taken out (see main.ts): the input read
// whole (openSource), its SHA-256 (WebCrypto), the output built in a new buffer as the writer does
// (a copy of the input bytes stands in for the de-identified file), its SHA-256 and CRC-32, and,
// with `parse`, core's reader over the input and the output (the reading de-identification needs
// and the re-read check). The output goes back transferred, as the app's worker sends it.

import { expose, transfer } from 'comlink';
import { crc32 } from '../../../src/archive/crc32.ts';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { BufferSink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { sha256OfBytes, sha256OfInput } from '../../../src/pipeline/native-sha256.ts';
import { openSource } from '../../../src/pipeline/open-source.ts';

/** export-file.ts's slack (not imported: that module would bring core's contract into this worker's bundle). */
const OUTPUT_SLACK = 16 * 1024;

const api = {
  async floor(blob: Blob, parse: boolean): Promise<{ bytes: Uint8Array; sha256: string; outputSha256: string; crc32: number }> {
    const source = await openSource(blob);
    const sha256 = await sha256OfInput(source);
    if (parse) await readPart10(source);
    const sink = new BufferSink(source.size + OUTPUT_SLACK);
    await sink.write(await source.read(0, source.size));
    const bytes = sink.bytes();
    const outputSha256 = await sha256OfBytes(bytes);
    if (parse) await readPart10(new MemorySource(bytes));
    const r = { bytes, sha256, outputSha256, crc32: await crc32(bytes) };
    return transfer(r, [bytes.buffer as ArrayBuffer]);
  },
};

export type FloorWorkerApi = typeof api;

expose(api);
