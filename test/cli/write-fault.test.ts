// guardWrite (src/cli/write-fault.ts) on real file-system failures: the same function guards a
// synchronous write and an asynchronous one; errno errors become a WriteFault naming what and
// where, other errors and WriteFaults already named pass through untouched.

import * as fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { guardWrite, WriteFault } from '../../src/cli/write-fault.ts';
import { removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

describe('guardWrite', () => {
  test('a synchronous write: its value returned, an errno error named', () => {
    const d = tempDir();
    expect(guardWrite('the report', d, () => (fs.writeFileSync(path.join(d, 'r.json'), '{}'), 7))).toBe(7);
    const into = path.join(d, 'r.json', 'under-a-file');
    let caught: unknown;
    try {
      guardWrite('the report', into, () => fs.writeFileSync(into, 'x'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WriteFault);
    expect(caught).toMatchObject({ code: 'ENOTDIR', what: 'the report', where: into });
    expect((caught as Error).message).toBe(`a part of the path is a file, not a folder (ENOTDIR) while writing the report ${into}`);
  });

  test('an asynchronous write: its value resolved, an errno rejection named', async () => {
    const d = tempDir();
    await expect(guardWrite('the mapping file', d, async () => (await fsp.writeFile(path.join(d, 'm.csv'), 'a,b\n'), 'ok'))).resolves.toBe('ok');
    const missing = path.join(d, 'no', 'such', 'm.csv');
    await expect(guardWrite('the mapping file', missing, () => fsp.writeFile(missing, 'x'))).rejects.toMatchObject({ name: 'WriteFault', code: 'ENOENT', what: 'the mapping file' });
  });

  test('errors without an errno code, and WriteFaults already named, pass through', async () => {
    const plain = new Error('not a disk problem');
    expect(() => guardWrite('x', 'y', () => { throw plain; })).toThrow(plain);
    await expect(guardWrite('x', 'y', () => Promise.reject(plain))).rejects.toBe(plain);
    const inner = new WriteFault('ENOSPC', 'the audit log', '/keep');
    await expect(guardWrite('the report', '/other', () => Promise.reject(inner))).rejects.toBe(inner);
    expect(() => guardWrite('the report', '/other', () => { throw inner; })).toThrow(inner);
  });
});
