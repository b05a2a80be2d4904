// The app reads a loaded DICOMDIR as an index (src/state/dicomdir-index.ts through
// collect-inputs.ts): a CD folder made by DCMTK's dcmmkdir, loaded as a folder listing and as a
// ZIP archive, has the files its DICOMDIR references (matched case-insensitively) loaded first
// in directory order, every other file after them, and the missing ones told to the operator.

import { inEnglish } from '../../src/i18n/render-code.ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { readBasicDirectory, referencedFileIds } from '../../src/core/media/dicomdir-reader.ts';
import type { Incoming } from '../../src/state/actions.ts';
import { expandArchives } from '../../src/state/collect-inputs.ts';
import { cdCorpusPresent, makeCdFolder, type CdFolder } from '../fixtures/cd-folder.ts';
import { haveTools } from '../fixtures/outside-tools.ts';

const ready = cdCorpusPresent() && haveTools('dcmmkdir');
const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function cd(): CdFolder {
  const c = makeCdFolder();
  made.push(c.root);
  return c;
}

const filesOf = (root: string): string[] => (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).map((f) => f.split(path.sep).join('/')).sort();

/** The folder as a folder picker lists it: "<folder>/<relative path>", in listing order. */
const listing = (c: CdFolder, prefix: string): Incoming[] =>
  filesOf(c.root).map((f) => ({ name: `${prefix}/${f}`, blob: new Blob([fs.readFileSync(path.join(c.root, f))]) }));

/** The referenced files in the DICOMDIR's order, as on disk (lower-case folder). */
async function directoryOrder(c: CdFolder): Promise<string[]> {
  const dir = await readBasicDirectory(new MemorySource(new Uint8Array(fs.readFileSync(path.join(c.root, 'DICOMDIR')))));
  return referencedFileIds(dir).map((id) => id.join('/').replace(/^IMAGES\//, 'images/'));
}

describe.skipIf(!ready)('a loaded DICOMDIR read as an index', () => {
  it('from a folder listing: its files first in directory order, then the rest, nothing missing', async () => {
    const c = cd();
    const problems: string[] = [];
    const got = await expandArchives(listing(c, 'disc'), () => {}, (p) => problems.push(inEnglish(p)));
    const order = await directoryOrder(c);
    expect(order.slice().sort()).toEqual(c.files);
    expect(got.map((x) => x.name)).toEqual([...order.map((f) => `disc/${f}`), 'disc/DICOMDIR', `disc/${c.extra}`]);
    expect(problems).toEqual([]);
  });

  it('from a ZIP archive, with a missing file told to the operator', async () => {
    const c = cd();
    fs.rmSync(path.join(c.root, c.files[2]));
    const zip = zipSync(Object.fromEntries(filesOf(c.root).map((f) => [f, new Uint8Array(fs.readFileSync(path.join(c.root, f)))])));
    const problems: string[] = [];
    const got = await expandArchives([{ name: 'disc.zip', blob: new Blob([zip as Uint8Array<ArrayBuffer>]) }], () => {}, (p) => problems.push(inEnglish(p)));
    const order = (await directoryOrder(c)).filter((f) => f !== c.files[2]);
    expect(got.map((x) => x.name)).toEqual([...order.map((f) => `disc.zip/${f}`), 'disc.zip/DICOMDIR', `disc.zip/${c.extra}`]);
    expect(problems).toEqual(['disc.zip/DICOMDIR references 1 file(s) that are not among the files loaded (the first: IMAGES\\IM000003)']);
  });
});
