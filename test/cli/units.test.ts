// Small pieces of the CLI tested directly: the file ByteSource, the temporary-file sink, input
// walking (sorted, symlink loops), path checks, the mapping CSV format and report helpers.

import { inEnglish } from '../../src/i18n/render-code.ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FileSource, TempFileSink, tempPathFor, TEMP_MARK } from '../../src/cli/file-source.ts';
import { collectInputs, isWithin } from '../../src/cli/inputs.ts';
import { mappingCsv, mergePairs } from '../../src/cli/report.ts';
import { cell } from '../../src/cli/inspect.ts';
import { defaultKeyPath } from '../../src/cli/key-file.ts';
import { listFiles, removeTempDirs, tempDir, writeFile } from './helpers.ts';

afterAll(removeTempDirs);

describe('CLI building blocks', () => {
  test('FileSource reads exact windows, clamped to the end of the file', async () => {
    const d = tempDir();
    writeFile(path.join(d, 'f'), Uint8Array.from({ length: 100 }, (_, i) => i));
    const { source, handle } = await FileSource.open(path.join(d, 'f'));
    try {
      expect(source.size).toBe(100);
      expect([...(await source.read(10, 3))]).toEqual([10, 11, 12]);
      expect((await source.read(95, 50)).length).toBe(5);
      expect((await source.read(200, 5)).length).toBe(0);
    } finally {
      await handle.close();
    }
  });

  test('TempFileSink creates nothing until written, and discard removes the file and new folders', async () => {
    const d = tempDir();
    const idle = new TempFileSink(tempPathFor(path.join(d, 'a/b'), 'x.dcm'));
    await idle.finish();
    await idle.discard();
    expect(fs.existsSync(path.join(d, 'a'))).toBe(false);
    const sink = new TempFileSink(tempPathFor(path.join(d, 'a/b'), 'x.dcm'));
    await sink.write(new Uint8Array([1, 2, 3]));
    await sink.finish();
    expect(path.basename(sink.tempPath)).toMatch(new RegExp(`^\\.x\\.dcm${TEMP_MARK.replace('.', '\\.')}[0-9a-f]+$`));
    expect(listFiles(d)).toHaveLength(1);
    await sink.discard();
    expect(fs.readdirSync(d)).toEqual([]);
    const kept = new TempFileSink(tempPathFor(d, 'y.dcm'));
    await kept.write(new Uint8Array([9]));
    await kept.finish();
    await kept.commit(path.join(d, 'c/y.dcm'));
    expect(listFiles(d)).toEqual(['c/y.dcm']);
  });

  test.skipIf(process.platform === 'win32')('folders are walked in sorted order and symlink loops are not followed', async () => {
    const d = tempDir();
    writeFile(path.join(d, 'in/b/2'), 'x');
    writeFile(path.join(d, 'in/a/1'), 'x');
    writeFile(path.join(d, 'in/B'), 'x');
    fs.symlinkSync(path.join(d, 'in'), path.join(d, 'in/a/loop'));
    fs.symlinkSync(path.join(d, 'nowhere'), path.join(d, 'in/dangling'));
    const { files } = await collectInputs([path.join(d, 'in')]);
    expect(files.map((f) => f.rel)).toEqual(['B', 'a/1', 'b/2', 'dangling']);
    expect(inEnglish(files.find((f) => f.rel === 'dangling')!.skip!)).toMatch(/broken symbolic link/);
  });

  test('path checks, cells', () => {
    expect(isWithin('/a/b/c', '/a/b')).toBe(true);
    expect(isWithin('/a/b', '/a/b/')).toBe(true);
    expect(isWithin('/a/bc', '/a/b')).toBe(false);
    expect(cell('a\u001b[31mb', 10)).toBe('a?[31mb');
    expect(cell('x'.repeat(50), 10)).toBe('x'.repeat(9) + '…');
  });

  test('mapping CSVs: exact header, sorted rows, quoted fields; merging counts disagreements', () => {
    const m = new Map([['b,2', 'n"2'], ['a', 'n1']]);
    expect(mappingCsv(m)).toBe('id_old,id_new\na,n1\n"b,2","n""2"\n');
    const into = new Map([['a', 'n1'], ['c', 'old']]);
    expect(mergePairs(into, [['a', 'n1'], ['c', 'new'], ['d', 'n4']])).toBe(1);
    expect(into.get('c')).toBe('new');
  });

  test('the default key lives in the config folder', () => {
    expect(defaultKeyPath({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(path.join('/cfg', 'veil', 'key'));
    expect(defaultKeyPath({}, 'linux')).toMatch(/\.config[\\/]veil[\\/]key$/);
    expect(defaultKeyPath({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/veil[\\/]key$/);
  });
});
