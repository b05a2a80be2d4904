// DICOMDIR in and out through the CLI: a CD folder indexed by DCMTK's dcmmkdir is read through
// its DICOMDIR (given alone, or with its folder), case-insensitively, the DICOMDIR reported as
// skipped and never copied, missing files as its warnings; `--dicomdir` writes the CD layout and
// a DICOMDIR that dciodvfy accepts and that references exactly the files written.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { readBasicDirectory, referencedFileIds } from '../../src/core/media/dicomdir-reader.ts';
import { fileIdProblem } from '../../src/core/media/file-id.ts';
import { cdCorpusPresent, makeCdFolder } from '../fixtures/cd-folder.ts';
import { dciodvfyErrors, haveTools, runTool } from '../fixtures/outside-tools.ts';
import { ct, listFiles, readReport, removeTempDirs, runInProcess, tempDir, writeFile } from './helpers.ts';

afterAll(removeTempDirs);

const ready = cdCorpusPresent() && haveTools('dcmmkdir', 'dcmdump', 'dciodvfy');
if (!cdCorpusPresent()) console.log('skipped: the corpus is not at ../shared/corpus');

describe.skipIf(!ready)('veil anonymize and DICOMDIR', () => {
  it('reads a dcmmkdir CD through its DICOMDIR given alone: every referenced file, case-insensitively, and not the DICOMDIR', async () => {
    const cd = makeCdFolder();
    const work = tempDir();
    const r = await runInProcess(['anonymize', path.join(cd.root, 'DICOMDIR'), '--keep-paths', '--out', path.join(work, 'out'), '--report', path.join(work, 'r.json'), '--jobs', '1', '--key', path.join(work, 'key')]);
    expect(r.status, r.stderr).toBe(0);
    const rep = readReport(path.join(work, 'r.json'));
    const dd = rep.files.find((f) => f.input.endsWith('DICOMDIR'))!;
    expect(dd.status).toBe('skipped');
    expect(dd.error).toBe('DICOMDIR: used as an index to find the 5 file(s) it references (5 found); not copied, because it names the original files and patients');
    expect(dd.output).toBeNull();
    const others = rep.files.filter((f) => f !== dd);
    expect(others.map((f) => path.relative(cd.root, f.input)).sort()).toEqual(cd.files);
    expect(others.every((f) => f.status === 'ok')).toBe(true);
    expect(listFiles(path.join(work, 'out')).filter((f) => f.startsWith('images/'))).toEqual(cd.files);
    expect(listFiles(path.join(work, 'out')).some((f) => /dicomdir/i.test(f))).toBe(false);
    fs.rmSync(cd.root, { recursive: true, force: true });
  });

  it('still reads the files a DICOMDIR does not reference, and names the missing ones', async () => {
    const cd = makeCdFolder();
    fs.rmSync(path.join(cd.root, cd.files[1]));
    const work = tempDir();
    const r = await runInProcess(['anonymize', cd.root, '--out', path.join(work, 'out'), '--report', path.join(work, 'r.json'), '--jobs', '1', '--key', path.join(work, 'key')]);
    expect(r.status, r.stderr).toBe(0);
    const rep = readReport(path.join(work, 'r.json'));
    const dd = rep.files.find((f) => f.input.endsWith('DICOMDIR'))!;
    expect(dd.error).toBe('DICOMDIR: used as an index to find the 5 file(s) it references (4 found); not copied, because it names the original files and patients');
    expect(dd.warnings).toEqual([`the DICOMDIR references IMAGES\\IM000002, which is not among the files present`]);
    expect(rep.files.filter((f) => f.status === 'ok').map((f) => path.relative(cd.root, f.input)).sort()).toEqual([cd.extra, ...cd.files.filter((_, i) => i !== 1)].sort());
    fs.rmSync(cd.root, { recursive: true, force: true });
  });

  it('--dicomdir writes PS3.10 file IDs and a DICOMDIR that dciodvfy accepts and that lists exactly the files written', async () => {
    const cd = makeCdFolder();
    const work = tempDir();
    const out = path.join(work, 'out');
    const r = await runInProcess(['anonymize', cd.root, '--dicomdir', '--out', out, '--report', path.join(work, 'r.json'), '--jobs', '1', '--key', path.join(work, 'key')]);
    expect(r.status, r.stderr).toBe(0);
    const written = listFiles(out).filter((f) => f.startsWith('DICOM/'));
    expect(written).toHaveLength(6);
    // --out is the shareable File-set (DICOM and its DICOMDIR); the mapping files stay in the private folder.
    expect(fs.readdirSync(out).sort()).toEqual(['DICOM', 'DICOMDIR']);
    expect(fs.existsSync(path.join(`${out}.private`, 'uid_mapping.csv'))).toBe(true);
    for (const f of written) expect(fileIdProblem(f.split('/')), f).toBeNull();
    const bytes = new Uint8Array(fs.readFileSync(path.join(out, 'DICOMDIR')));
    const dir = await readBasicDirectory(new MemorySource(bytes));
    expect(dir.warnings).toEqual([]);
    expect(referencedFileIds(dir).map((id) => id.join('/')).sort()).toEqual(written);
    expect(dciodvfyErrors(path.join(out, 'DICOMDIR'))).toEqual([]);
    // DCMTK as the second referee: it reads the same file IDs.
    const dump = runTool('dcmdump', ['+P', '0004,1500', path.join(out, 'DICOMDIR')]).output;
    expect(dump.match(/\[[^\]]+\]/g)!.map((s) => s.slice(1, -1).replace(/\\/g, '/')).sort()).toEqual(written);
    // No original value in the DICOMDIR: names, IDs and UIDs of the originals.
    const text = Buffer.from(bytes).toString('latin1');
    for (const v of ['Doe^Archibald', '77654033', '98892001', '1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534']) expect(text).not.toContain(v);
    // The report says where each file went; the DICOMDIR is not an input's output.
    const rep = readReport(path.join(work, 'r.json'));
    expect(rep.files.filter((f) => f.output).map((f) => path.relative(out, f.output!).split(path.sep).join('/')).sort()).toEqual(written);
    fs.rmSync(cd.root, { recursive: true, force: true });
  });

  it('--dicomdir refuses an --out that already holds a DICOMDIR, and --keep-paths with it', async () => {
    const cd = makeCdFolder();
    const work = tempDir();
    const out = path.join(work, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'dicomdir'), 'x');
    const r = await runInProcess(['anonymize', cd.root, '--dicomdir', '--out', out, '--key', path.join(work, 'key')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('already holds a DICOMDIR (dicomdir)');
    const r2 = await runInProcess(['anonymize', cd.root, '--dicomdir', '--keep-paths', '--out', path.join(work, 'o2'), '--key', path.join(work, 'key')]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('leave out --keep-paths');
    fs.rmSync(cd.root, { recursive: true, force: true });
  });
});

describe('inputs named DICOMDIR that are no index', () => {
  it('de-identifies an image named DICOMDIR, and reports an unreadable DICOMDIR as skipped', async () => {
    const work = tempDir();
    const inp = path.join(work, 'in');
    writeFile(path.join(inp, 'a', 'DICOMDIR'), ct('PID-1', 'Doe^Jane', '1', '1', '1'));
    writeFile(path.join(inp, 'b', 'DICOMDIR'), new Uint8Array([...new Uint8Array(128), 0x44, 0x49, 0x43, 0x4d, 0x02, 0x00, 0x10, 0x00, 0x55, 0x49, 0xff, 0x7f]));
    const r = await runInProcess(['anonymize', inp, '--out', path.join(work, 'out'), '--report', path.join(work, 'r.json'), '--jobs', '1', '--key', path.join(work, 'key')]);
    const rep = readReport(path.join(work, 'r.json'));
    expect(rep.files.map((f) => [path.relative(inp, f.input), f.status])).toEqual([['a/DICOMDIR', 'ok'], ['b/DICOMDIR', 'skipped']]);
    expect(rep.files[1].error).toMatch(/^DICOMDIR could not be read as an index \(/);
    expect(r.status).toBe(0);
  });
});
