// The CLI's one folder walk (src/cli/walk-folder.ts) on real folders: every non-folder entry,
// depth first, names sorted, "/"-separated paths; links yielded and never followed; hidden names
// included; unreadable folders throw unless passed over. Also sweepTemporaries, the walk that
// deletes what a dead run left behind.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { sweepTemporaries } from '../../src/cli/out-lock.ts';
import { walkFolder } from '../../src/cli/walk-folder.ts';
import { removeTempDirs, tempDir, writeFile } from './helpers.ts';

afterAll(removeTempDirs);

const kinds = (root: string) => [...walkFolder(root)].map((e) => `${e.rel} ${e.dirent.isFile() ? 'file' : e.dirent.isSymbolicLink() ? 'link' : 'other'}`);

describe('walkFolder', () => {
  test('yields files depth first with sorted names, relative paths "/" separated, hidden ones too', () => {
    const d = tempDir();
    for (const f of ['b.dcm', 'a/z.dcm', 'a/.hidden', 'a/b/c.dcm', 'A.dcm', '.dot/x']) writeFile(path.join(d, f), f);
    fs.mkdirSync(path.join(d, 'empty'));
    expect(kinds(d)).toEqual(['.dot/x file', 'A.dcm file', 'a/.hidden file', 'a/b/c.dcm file', 'a/z.dcm file', 'b.dcm file']);
    const first = walkFolder(d).next().value!;
    expect(first.path).toBe(path.join(d, '.dot', 'x'));
    expect(fs.readFileSync(first.path, 'utf8')).toBe('.dot/x');
  });

  test('a link (to a file or to a folder) is yielded as a link and never followed, so a loop ends', () => {
    const d = tempDir();
    writeFile(path.join(d, 'in/one.dcm'), 'x');
    fs.symlinkSync(path.join(d, 'in'), path.join(d, 'in', 'loop'));
    fs.symlinkSync(path.join(d, 'in', 'one.dcm'), path.join(d, 'alias.dcm'));
    expect(kinds(d)).toEqual(['alias.dcm link', 'in/loop link', 'in/one.dcm file']);
  });

  test('a folder that cannot be read throws, unless skipUnreadable passes it over', () => {
    const d = tempDir();
    writeFile(path.join(d, 'plain'), 'x');
    expect(() => [...walkFolder(path.join(d, 'missing'))]).toThrow(/ENOENT/);
    expect(() => [...walkFolder(path.join(d, 'plain'))]).toThrow(/ENOTDIR/);
    const seen: string[] = [];
    const skip = (err: NodeJS.ErrnoException, rel: string) => (seen.push(`${err.code} '${rel}'`), err.code === 'ENOENT');
    expect([...walkFolder(path.join(d, 'missing'), { skipUnreadable: skip })]).toEqual([]);
    expect(() => [...walkFolder(path.join(d, 'plain'), { skipUnreadable: skip })]).toThrow(/ENOTDIR/);
    expect(seen).toEqual(["ENOENT ''", "ENOTDIR ''"]);
  });
});

describe('sweepTemporaries', () => {
  test('removes regular files whose name holds the mark, at any depth; keeps the rest and links', () => {
    const d = tempDir();
    for (const f of ['a.dcm', '.a.dcm.veil-tmp-1', 'x/y/.b.dcm.veil-tmp-2', 'x/b.dcm']) writeFile(path.join(d, f), 'x');
    fs.symlinkSync(path.join(d, 'a.dcm'), path.join(d, 'link.veil-tmp-3'));
    expect(sweepTemporaries(d, '.veil-tmp-')).toBe(2);
    expect(kinds(d)).toEqual(['a.dcm file', 'link.veil-tmp-3 link', 'x/b.dcm file']);
    expect(sweepTemporaries(path.join(d, 'missing'), '.veil-tmp-')).toBe(0);
  });
});
