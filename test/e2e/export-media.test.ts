// The app end to end with patient media: a CD made by DCMTK's dcmmkdir over corpus images,
// zipped, is loaded (through its DICOMDIR), then exported "For CD/USB" as a ZIP: the archive has
// a DICOMDIR at its root listing exactly its DICOM files, every file named with a valid PS3.10
// file ID (DICOM/P…/S…/SE…/…), the loaded DICOMDIR not copied, and dciodvfy accepts the new one.

import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { readBasicDirectory, referencedFileIds } from '../../src/core/media/dicomdir-reader.ts';
import { fileIdProblem } from '../../src/core/media/file-id.ts';
import { cdCorpusPresent, makeCdFolder } from '../fixtures/cd-folder.ts';
import { dciodvfyErrors, haveTools } from '../fixtures/outside-tools.ts';
import { page, server, useApp } from './fixture.ts';
import { exportZip, waitIdle, writeTree } from './helpers.ts';

const ready = cdCorpusPresent() && haveTools('dcmmkdir', 'dciodvfy');

describe.skipIf(!ready)('export For CD/USB', () => {
  useApp();

  it('loads a dcmmkdir CD from a ZIP and exports a File-set with a valid DICOMDIR', async () => {
    const cd = makeCdFolder();
    const files = (readdirSync(cd.root, { recursive: true }) as string[]).filter((f) => statSync(join(cd.root, f)).isFile());
    const zipPath = join(mkdtempSync(join(tmpdir(), 'veil-e2e-cd-')), 'disc.zip');
    writeFileSync(zipPath, zipSync(Object.fromEntries(files.map((f) => [f.split(sep).join('/'), new Uint8Array(readFileSync(join(cd.root, f)))]))));
    rmSync(cd.root, { recursive: true, force: true });

    await page.goto(server.url);
    await page.getByTestId('file-input').setInputFiles([zipPath]);
    await expect.poll(() => page.getByTestId('series-item').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await waitIdle(page);
    // Every referenced file was found: no notice about the DICOMDIR.
    expect((await page.locator('.notice').allTextContents()).join(' ')).not.toMatch(/DICOMDIR/);

    await page.getByTestId('export-for-media').check();
    const zip = await exportZip(page);
    const names = Object.keys(zip);
    const dicom = names.filter((n) => n.startsWith('DICOM/')).sort();
    // The five referenced images and the unreferenced one beside them; the loaded DICOMDIR is not copied.
    expect(dicom).toHaveLength(6);
    for (const n of dicom) expect(fileIdProblem(n.split('/')), n).toBeNull();
    expect(names.filter((n) => /dicomdir/i.test(n))).toEqual(['DICOMDIR']);
    const dir = await readBasicDirectory(new MemorySource(zip.DICOMDIR));
    expect(dir.warnings).toEqual([]);
    expect(referencedFileIds(dir).map((id) => id.join('/')).sort()).toEqual(dicom);
    const tree = writeTree({ DICOMDIR: zip.DICOMDIR });
    expect(dciodvfyErrors(join(tree, 'DICOMDIR'))).toEqual([]);
    const report = JSON.parse(new TextDecoder().decode(zip['report.json']));
    expect(report.files.filter((f: { output: string | null }) => f.output).map((f: { output: string }) => f.output).sort()).toEqual(dicom);
  });
});
