// ZIP archives opened in the browser (src/state/open-zip.ts with src/archive/zip-limits.ts), on ZIPs
// crafted here with fflate: unsafe entry names are listed as refused and never extracted; the
// entry count and declared total are checked before extraction; an entry whose headers lie about
// its size is caught while inflating; bomb-like ratios are refused per entry; nested archives
// share the budget.

import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ZIP_LIMITS, entryRatioProblem, unsafeEntryName, ZipBudget, ZipLimitError } from '../../src/archive/zip-limits.ts';
import { openZip, zipBudget } from '../../src/state/open-zip.ts';
import type { Message } from '../../src/core/messages/message.ts';
import { inEnglish } from '../../src/i18n/render-code.ts';

const english = (m: Message | null | undefined): string => (m ? inEnglish(m) : '');

const bytes = (s: string) => new TextEncoder().encode(s);
const blobOf = (z: Uint8Array) => new Blob([z as Uint8Array<ArrayBuffer>]);

/** Rewrite the declared uncompressed size of every entry (local header and central directory). */
function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const dv = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x04034b50) dv.setUint32(i + 22, size, true);
    else if (sig === 0x02014b50) dv.setUint32(i + 24, size, true);
  }
  return out;
}

describe('entry names', () => {
  it('refuses "..", absolute paths and drive letters in plain words', () => {
    expect(unsafeEntryName('study/ct-1.dcm')).toBeNull();
    expect(unsafeEntryName('a..b/c..dcm')).toBeNull();
    expect(english(unsafeEntryName('../evil.dcm'))).toMatch(/"\.\."/);
    expect(english(unsafeEntryName('ok/../../evil.dcm'))).toMatch(/"\.\."/);
    expect(english(unsafeEntryName('ok\\..\\evil.dcm'))).toMatch(/"\.\."/);
    expect(english(unsafeEntryName('/etc/passwd'))).toMatch(/absolute path/);
    expect(english(unsafeEntryName('\\\\server\\share\\x.dcm'))).toMatch(/absolute path/);
    expect(english(unsafeEntryName('C:/Windows/x.dcm'))).toMatch(/drive letter/);
    expect(english(unsafeEntryName('c:evil.dcm'))).toMatch(/drive letter/);
    expect(english(unsafeEntryName('a\0b'))).toMatch(/NUL/);
  });
});

describe('the budget', () => {
  it('checks the entry count and the declared total before extraction', () => {
    const e = (n: number) => ({ filename: 'x', directory: false, uncompressedSize: n, compressedSize: n });
    const budget = new ZipBudget({ ...DEFAULT_ZIP_LIMITS, maxEntries: 2, maxTotalBytes: 100 });
    expect(() => budget.declare([e(10), e(10), e(10)])).toThrow(/more than 2 entries/);
    expect(() => new ZipBudget({ ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 100 }).declare([e(60), e(60)])).toThrow(/declare 120 bytes uncompressed, more than the 100 bytes limit/);
    expect(DEFAULT_ZIP_LIMITS).toMatchObject({ maxTotalBytes: 8 * 1024 ** 3, maxEntries: 100_000 });
  });

  it('counts the bytes actually inflated against the declared size and the total', () => {
    const budget = new ZipBudget({ ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 100 });
    budget.take(50, 0, 50);
    expect(() => budget.take(1, 50, 50)).toThrow(ZipLimitError);
    expect(() => budget.take(60, 0, 1000)).toThrow(/more than the 100 bytes limit/);
  });

  it('refuses an entry whose declared ratio is that of a bomb', () => {
    expect(english(entryRatioProblem({ filename: 'x', directory: false, uncompressedSize: 2 ** 30, compressedSize: 1000 }))).toMatch(/ZIP bomb/);
    expect(entryRatioProblem({ filename: 'x', directory: false, uncompressedSize: 2 ** 20 * 4, compressedSize: 2 ** 20 })).toBeNull();
    expect(entryRatioProblem({ filename: 'x', directory: false, uncompressedSize: 1000, compressedSize: 1 })).toBeNull(); // small: ignored
  });
});

describe('openZip', () => {
  it('extracts safe entries and lists unsafe ones as refused without extracting them', async () => {
    const zip = zipSync({
      'study/a.dcm': bytes('AAAA'),
      '../evil.dcm': bytes('EVIL'),
      '/abs.dcm': bytes('ABS!'),
      'C:/win.dcm': bytes('WIN!'),
      'ok/../../up.dcm': bytes('UP!!'),
      '__MACOSX/study/._a.dcm': bytes('junk'),
    });
    const out = await openZip('in.zip', blobOf(zip));
    const byName = new Map(out.map((i) => [i.name, i]));
    expect(byName.get('in.zip/study/a.dcm')?.refused).toBeUndefined();
    expect(await byName.get('in.zip/study/a.dcm')!.blob.text()).toBe('AAAA');
    for (const name of ['in.zip/../evil.dcm', 'in.zip//abs.dcm', 'in.zip/C:/win.dcm', 'in.zip/ok/../../up.dcm']) {
      const item = byName.get(name);
      expect(english(item?.refused), name).toMatch(/^this ZIP entry was refused and not extracted: /);
      expect(item!.blob.size, name).toBe(0);
    }
    expect(out).toHaveLength(5);
  });

  it('refuses the whole archive past the entry count or the declared total', async () => {
    const zip = zipSync({ 'a.dcm': bytes('a'), 'b.dcm': bytes('b'), 'c.dcm': bytes('c') });
    await expect(openZip('n.zip', blobOf(zip), 0, zipBudget({ maxEntries: 2 }))).rejects.toThrow(ZipLimitError);
    const big = zipSync({ 'a.bin': new Uint8Array(5000), 'b.bin': new Uint8Array(5000) });
    await expect(openZip('t.zip', blobOf(big), 0, zipBudget({ maxTotalBytes: 8000 }))).rejects.toThrow(/declare 10000 bytes uncompressed/);
  });

  it('catches headers that lie about the size while inflating', async () => {
    const honest = zipSync({ 'bomb.bin': new Uint8Array(200_000) }, { level: 9 });
    const liar = lieAboutSizes(honest, 1000);
    const err = await openZip('liar.zip', blobOf(liar)).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ZipLimitError);
    expect((err as Error).message).toMatch(/inflates to more bytes than it declares \(1000 bytes\): the archive's headers lie/);
  });

  it('refuses an entry with a bomb-like ratio and keeps the others', async () => {
    const zip = zipSync({ 'zeros.bin': new Uint8Array(2 * 1024 * 1024), 'ok.dcm': bytes('fine') }, { level: 9 });
    const out = await openZip('r.zip', blobOf(zip), 0, zipBudget({ maxRatio: 100 }));
    expect(english(out.find((i) => i.name === 'r.zip/zeros.bin')?.refused)).toMatch(/ZIP bomb/);
    expect(out.find((i) => i.name === 'r.zip/ok.dcm')?.refused).toBeUndefined();
  });

  it('opens a nested archive once, with the same rules and one shared budget', async () => {
    const inner = zipSync({ 'x.dcm': bytes('inner'), '../y.dcm': bytes('nope') });
    const outer = zipSync({ 'inner.zip': inner, 'z.dcm': bytes('outer') });
    const out = await openZip('o.zip', blobOf(outer));
    expect(out.map((i) => [i.name, i.refused === undefined])).toEqual([
      ['o.zip/inner.zip/x.dcm', true], ['o.zip/inner.zip/../y.dcm', false], ['o.zip/z.dcm', true],
    ]);
    await expect(openZip('o.zip', blobOf(outer), 0, zipBudget({ maxEntries: 3 }))).rejects.toThrow(/more than 3 entries/);
  });
});

describe('expandArchives', () => {
  it('lists refused entries and archives, and tells the operator once', async () => {
    const { expandArchives } = await import('../../src/state/collect-inputs.ts');
    const ok = zipSync({ 'a.dcm': bytes('AAAA'), '../b.dcm': bytes('BBBB') });
    const liar = lieAboutSizes(zipSync({ 'bomb.bin': new Uint8Array(100_000) }, { level: 9 }), 10);
    const status: string[] = [];
    const problems: string[] = [];
    const out = await expandArchives(
      [{ name: 'ok.zip', blob: blobOf(ok) }, { name: 'liar.zip', blob: blobOf(liar) }, { name: 'plain.dcm', blob: blobOf(bytes('DICM')) }],
      (t) => status.push(inEnglish(t)),
      (t) => problems.push(inEnglish(t)),
    );
    expect(out.map((i) => [i.name, i.refused ? english(i.refused) : null])).toEqual([
      ['ok.zip/a.dcm', null],
      ['ok.zip/../b.dcm', expect.stringMatching(/not extracted: its name holds "\.\."/)],
      ['liar.zip', expect.stringMatching(/^this ZIP archive was refused and nothing from it was loaded: .*headers lie/)],
      ['plain.dcm', null],
    ]);
    expect(status).toEqual(['Opening ok.zip…', 'Opening liar.zip…']);
    expect(problems).toEqual([
      'ok.zip: 1 entry was refused and not extracted (unsafe names or sizes); see Other files.',
      expect.stringMatching(/^liar\.zip: this ZIP archive was refused/),
    ]);
  });
});
