// The one recursive folder walk of the CLI. It yields every entry under a folder that is not a
// folder itself — regular files, and also links, sockets and FIFOs, so each caller decides what
// those mean — in a fixed order (names sorted by UTF-16 code unit, depth first). It descends only
// into real folders: a link to a folder is yielded as a link, never followed, so a walk stays
// inside the tree it was given and cannot loop. Hidden entries (".name") are yielded like any
// other. A folder that cannot be read throws, unless `skipUnreadable` says to pass it over.

import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FolderEntry {
  /** The path below the walked folder, "/" separated on every platform. */
  readonly rel: string;
  /** The path to open: the walked folder joined with `rel`. */
  readonly path: string;
  /** What the entry is, as the folder listing says (not following links). */
  readonly dirent: fs.Dirent;
}

export interface WalkOptions {
  /**
   * Called when a folder cannot be listed (`rel` is '' for the walked folder itself): true passes
   * it over, false (the default) throws the error.
   */
  skipUnreadable?: (err: NodeJS.ErrnoException, rel: string) => boolean;
}

const byName = (a: fs.Dirent, b: fs.Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Every non-folder entry under `root`, depth first, names sorted. */
export function* walkFolder(root: string, options: WalkOptions = {}): Generator<FolderEntry> {
  function* walk(rel: string): Generator<FolderEntry> {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(rel ? path.join(root, rel) : root, { withFileTypes: true });
    } catch (err) {
      if (options.skipUnreadable?.(err as NodeJS.ErrnoException, rel)) return;
      throw err;
    }
    for (const dirent of entries.sort(byName)) {
      const r = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) yield* walk(r);
      else yield { rel: r, path: path.join(root, r), dirent };
    }
  }
  yield* walk('');
}
