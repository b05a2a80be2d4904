// The writer's 'frames' value (src/core/dicom/writer.ts): frames are produced one at a time, in
// order, each written to the sink before the next is asked for; native frames go back to back
// (padded once at the end), encapsulated frames as one fragment each after an empty Basic Offset
// Table (padded to even length), with a sequence delimiter.

import { describe, expect, it } from 'vitest';
import type { FramesValue, Item } from '../../../src/core/dicom/dataset.ts';
import { writePart10 } from '../../../src/core/dicom/writer.ts';
import type { ByteSink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { findElement } from '../../../src/core/dicom/dataset.ts';

class LoggingSink implements ByteSink {
  chunks: Uint8Array[] = [];
  constructor(private readonly log: string[]) {}
  async write(chunk: Uint8Array) {
    this.log.push(`write ${chunk.length}`);
    this.chunks.push(chunk.slice());
  }
  bytes() {
    const n = this.chunks.reduce((s, c) => s + c.length, 0);
    const out = new Uint8Array(n);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const meta: Item = { elements: [], undefinedLength: false, offset: 0 };

function dataset(frames: FramesValue): Item {
  return { elements: [{ tag: 0x7fe00010, vr: 'OB', value: frames, undefinedLength: frames.encapsulated, offset: -1 }], undefinedLength: false, offset: 0 };
}

async function write(frames: FramesValue, log: string[]) {
  const sink = new LoggingSink(log);
  await writePart10({ source: new MemorySource(new Uint8Array(0)), meta, dataset: dataset(frames), encoding: { explicitVR: true, littleEndian: true }, deflate: false }, sink);
  return sink.bytes();
}

describe("the writer's frames value", () => {
  it('writes native frames back to back, asking for each after the previous one is out', async () => {
    const log: string[] = [];
    const big = 400 * 1024; // above the writer's flush size: each frame goes straight to the sink
    const out = await write(
      { kind: 'frames', frameCount: 3, encapsulated: false, frameLength: big + 1, produce: async (i) => (log.push(`produce ${i}`), new Uint8Array(big + 1).fill(i + 1)) },
      log,
    );
    const order = log.filter((l) => l.startsWith('produce') || l === `write ${big + 1}`);
    expect(order).toEqual(['produce 0', `write ${big + 1}`, 'produce 1', `write ${big + 1}`, 'produce 2', `write ${big + 1}`]);
    const file = await readPart10(new MemorySource(out));
    const px = findElement(file.dataset, 0x7fe00010)!;
    const len = px.value.kind === 'bulk' ? px.value.range.length : -1;
    expect(len).toBe(3 * (big + 1) + 1); // odd total: one pad byte
  });

  it('refuses a native frame of the wrong length', async () => {
    await expect(write({ kind: 'frames', frameCount: 2, encapsulated: false, frameLength: 4, produce: async (i) => new Uint8Array(i === 0 ? 4 : 3) }, [])).rejects.toThrow(/frame 2 .* 3 bytes, expected 4/);
  });

  it('writes encapsulated frames as one even-length fragment each after an empty offset table', async () => {
    const out = await write({ kind: 'frames', frameCount: 3, encapsulated: true, produce: async (i) => new Uint8Array(5 + i).fill(0xa0 + i) }, []);
    const file = await readPart10(new MemorySource(out));
    const px = findElement(file.dataset, 0x7fe00010)!;
    expect(px.value.kind).toBe('fragments');
    if (px.value.kind !== 'fragments') return;
    expect(px.value.fragments.map((f) => f.length)).toEqual([0, 6, 6, 8]);
    const second = await file.source.read(px.value.fragments[2].offset, 6);
    expect(Array.from(second)).toEqual([0xa1, 0xa1, 0xa1, 0xa1, 0xa1, 0xa1]);
    const first = await file.source.read(px.value.fragments[1].offset, 6);
    expect(Array.from(first)).toEqual([0xa0, 0xa0, 0xa0, 0xa0, 0xa0, 0]); // padded with a zero byte
  });
});
