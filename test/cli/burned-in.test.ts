// `veil anonymize` and burned-in pixels (issue 12): an image whose Burned In Annotation is YES
// and that no --redact template covers is written with the warning code burned-in-not-redacted in
// the report (warningCodes, the English text in warnings); --require-clean-pixels refuses it
// instead (errorCode burned-in-refused, no output); a template that redacts it, or
// Burned In Annotation NO, gives neither. Also --preset: known names apply, unknown ones are
// usage errors that list the presets.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeCtLike, T } from '../fixtures/make.ts';
import { listFiles, readReport, removeTempDirs, runInProcess, tempDir, uid } from './helpers.ts';

afterAll(removeTempDirs);

const image = (n: number, burnedIn: 'YES' | 'NO') => makeCtLike({ sopInstanceUID: uid(`9.${n}`), extra: [{ tag: T.BurnedInAnnotation, vr: 'CS', value: burnedIn }] });

function folder(): { dir: string; input: string } {
  const dir = tempDir();
  const input = path.join(dir, 'in');
  fs.mkdirSync(input);
  fs.writeFileSync(path.join(input, 'yes.dcm'), image(1, 'YES'));
  fs.writeFileSync(path.join(input, 'no.dcm'), image(2, 'NO'));
  return { dir, input };
}

const byName = (files: ReturnType<typeof readReport>['files'], name: string) => files.find((f) => f.input.endsWith(name))!;
const burnedInWarnings = (f: ReturnType<typeof readReport>['files'][number]) => f.warningCodes.filter((c) => c === 'burned-in-not-redacted');
const dicomOut = (dir: string) => listFiles(dir).filter((f) => f.endsWith('.dcm'));

describe('Burned In Annotation YES without redaction', () => {
  it('is written with the warning burned-in-not-redacted; a NO image gets no such warning', async () => {
    const { dir, input } = folder();
    const report = path.join(dir, 'report.json');
    const r = await runInProcess(['anonymize', input, '--out', path.join(dir, 'out'), '--key', path.join(dir, 'k'), '--report', report, '--jobs', '1']);
    expect(r.status, r.stderr).toBe(0);
    const { files } = readReport(report);
    expect(byName(files, 'yes.dcm').status).toBe('ok');
    const yes = byName(files, 'yes.dcm');
    expect(burnedInWarnings(yes)).toHaveLength(1);
    expect(yes.warnings).toContain('Burned In Annotation (0028,0301) is YES and no redaction template covers this image; its pixels were written unredacted and may show identifying text');
    expect(burnedInWarnings(byName(files, 'no.dcm'))).toEqual([]);
    expect(dicomOut(path.join(dir, 'out'))).toHaveLength(2);
  });

  it('--require-clean-pixels refuses it (no output, reason in words, exit 1) and lets the NO image through', async () => {
    const { dir, input } = folder();
    const report = path.join(dir, 'report.json');
    const r = await runInProcess(['anonymize', input, '--out', path.join(dir, 'out'), '--key', path.join(dir, 'k'), '--report', report, '--jobs', '1', '--require-clean-pixels']);
    expect(r.status).toBe(1);
    const { files } = readReport(report);
    const yes = byName(files, 'yes.dcm');
    expect(yes.status).toBe('refused');
    expect(yes.output).toBeNull();
    expect(yes.errorCode).toBe('burned-in-refused');
    expect(yes.error).toMatch(/Burned In Annotation \(0028,0301\) is YES.*no redaction template.*--require-clean-pixels/);
    const no = byName(files, 'no.dcm');
    expect(no.status).toBe('ok');
    expect(no.output).not.toBeNull();
    expect(dicomOut(path.join(dir, 'out'))).toHaveLength(1);
  });

  it('a template that redacts the image clears both the warning and the refusal', async () => {
    const { dir, input } = folder();
    const template = path.join(dir, 't.json');
    fs.writeFileSync(template, JSON.stringify({ version: 1, templates: [{ name: 'all', match: {}, boxes: [{ x: 0, y: 0, width: 4, height: 2 }] }] }));
    const report = path.join(dir, 'report.json');
    const r = await runInProcess(['anonymize', input, '--out', path.join(dir, 'out'), '--key', path.join(dir, 'k'), '--report', report, '--jobs', '1', '--redact', template, '--require-clean-pixels']);
    expect(r.status, r.stderr).toBe(0);
    const { files } = readReport(report);
    expect(byName(files, 'yes.dcm').status).toBe('ok');
    expect(burnedInWarnings(byName(files, 'yes.dcm'))).toEqual([]);
  });

  it('--help documents --require-clean-pixels, the warning code and --preset', async () => {
    const r = await runInProcess(['anonymize', '--help']);
    expect(r.stdout).toContain('--require-clean-pixels');
    expect(r.stdout).toContain('burned-in-not-redacted');
    expect(r.stdout).toMatch(/--preset NAME[\s\S]*dose-report: --clean-structured-content --retain-device-identity --retain-modified-dates/);
  });
});

describe('--preset', () => {
  it('dose-report turns on its three options, and other flags add to it', async () => {
    const { dir, input } = folder();
    const report = path.join(dir, 'report.json');
    const r = await runInProcess(['anonymize', input, '--out', path.join(dir, 'out'), '--key', path.join(dir, 'k'), '--report', report, '--jobs', '1', '--preset', 'dose-report', '--clean-descriptors']);
    expect(r.status, r.stderr).toBe(0);
    const options = (JSON.parse(fs.readFileSync(report, 'utf8')) as { options: Record<string, boolean> }).options;
    expect(Object.keys(options).filter((k) => options[k]).sort()).toEqual(['cleanDescriptors', 'cleanStructuredContent', 'retainDeviceIdentity', 'retainLongitudinalModifiedDates']);
  });

  it('an unknown name is a usage error listing the presets; a contradiction with a flag is one too', async () => {
    const { dir, input } = folder();
    const unknown = await runInProcess(['anonymize', input, '--out', path.join(dir, 'out'), '--preset', 'dose']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown preset "dose"; the presets are: dose-report');
    const clash = await runInProcess(['anonymize', input, '--out', path.join(dir, 'out'), '--preset', 'dose-report', '--retain-full-dates']);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain('exclude each other');
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
