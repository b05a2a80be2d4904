// BufferSink: the whole output in one growing buffer, each chunk copied (the writer reuses its
// staging buffer after each write).

import { describe, expect, test } from 'vitest';
import { BufferSink, MemorySink } from '../../../src/core/io/byte-sink.ts';

describe('BufferSink', () => {
  test('holds exactly the bytes written, growing past its first size, whatever the caller does to its chunks', async () => {
    const sink = new BufferSink(1024, new Uint8Array(1024));
    const ref = new MemorySink();
    const staging = new Uint8Array(700);
    for (let i = 0; i < 20; i++) {
      staging.fill(i + 1);
      const chunk = staging.subarray(0, 100 + i * 30);
      await sink.write(chunk);
      await ref.write(chunk);
    }
    expect(sink.size).toBe(ref.size);
    expect(sink.bytes()).toEqual(ref.bytes());
  });
});
