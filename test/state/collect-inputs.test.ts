// Streaming the operator's inputs (src/state/collect-inputs.ts): files are handed on in batches,
// the first one small, in load order; a ZIP archive (by name or by its signature) is opened in
// its place; an archive past the limits is listed as refused; nothing is lost or reordered.

import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Incoming } from '../../src/state/actions.ts';
import { expandArchives, streamInputs } from '../../src/state/collect-inputs.ts';
import { inEnglish } from '../../src/i18n/render-code.ts';

const file = (name: string, text = name): Incoming => ({ name, blob: new Blob([text]) });
const zipBlob = (entries: Record<string, string>) =>
  new Blob([zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, new TextEncoder().encode(v)]))) as Uint8Array<ArrayBuffer>]);

describe('streamInputs', () => {
  it('hands on a small first batch, then larger ones, in load order', async () => {
    const list = Array.from({ length: 1000 }, (_, i) => file(`ct/${i}.dcm`));
    const batches: string[][] = [];
    await streamInputs(list, (b) => batches.push(b.map((x) => x.name)), () => {});
    expect(batches[0]).toHaveLength(16);
    expect(batches.length).toBeLessThan(10);
    expect(batches.flat()).toEqual(list.map((x) => x.name));
  });

  it('opens archives in their place, by name or by signature, and refuses unsafe entries', async () => {
    const problems: string[] = [];
    const list: Incoming[] = [
      ...Array.from({ length: 20 }, (_, i) => file(`a/${i}.dcm`)),
      { name: 'study.zip', blob: zipBlob({ 'x/1.dcm': 'one', 'x/2.dcm': 'two', '../evil.dcm': 'no' }) },
      file('b/after.dcm'),
      { name: 'no-extension', blob: zipBlob({ 'inner.dcm': 'inner' }) },
      file('c/last.txt', 'PK but not a zip'),
    ];
    const got = await expandArchives(list, () => {}, (p) => problems.push(inEnglish(p)));
    expect(got.map((x) => x.name)).toEqual([
      ...list.slice(0, 20).map((x) => x.name), 'study.zip/x/1.dcm', 'study.zip/x/2.dcm', 'study.zip/../evil.dcm', 'b/after.dcm', 'no-extension/inner.dcm', 'c/last.txt',
    ]);
    expect(await got[21].blob.text()).toBe('two');
    expect(inEnglish(got[22].refused!)).toMatch(/refused and not extracted/);
    expect(problems).toEqual([expect.stringMatching(/^study\.zip: 1 entry was refused/)]);
  });
});
