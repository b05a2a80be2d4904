// The project key for the CLI: read from --key FILE, or from the user's config folder
// ($XDG_CONFIG_HOME/veil/key, ~/.config/veil/key, %APPDATA%\veil\key on Windows). A missing key
// file is created with a new random key (mode 0600), in a new private folder (mode 0700) when its
// folder does not exist yet, and the user is told where. The key is never printed, nor written
// into outputs or reports.

import { errorInEnglish } from '../i18n/render-code.ts';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatKey, generateKey, parseKey } from '../core/deid/project-key.ts';
import { UsageError } from './args.ts';

export function defaultKeyPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const base = env.APPDATA || path.join(os.homedir(), 'AppData', 'Roaming');
    return path.join(base, 'veil', 'key');
  }
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(os.homedir(), '.config');
  return path.join(base, 'veil', 'key');
}

export interface LoadedKey {
  key: Uint8Array;
  file: string;
  created: boolean;
}

/** Load the key from `file` (or the default place), creating it when it does not exist. */
export async function loadOrCreateKey(file: string | undefined, log: (line: string) => void): Promise<LoadedKey> {
  const explicit = file !== undefined;
  const where = path.resolve(file ?? defaultKeyPath());
  const existing = await readKeyFile(where);
  if (existing) return { key: existing, file: where, created: false };

  const key = generateKey();
  let madeDir: string | undefined;
  try {
    madeDir = await fsp.mkdir(path.dirname(where), { recursive: true, mode: 0o700 });
    await fsp.writeFile(where, formatKey(key), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EEXIST') {
      // Another run created it at the same moment: use that one.
      const again = await readKeyFile(where);
      if (again) return { key: again, file: where, created: false };
    }
    throw new UsageError(
      `cannot create the key file ${where}: ${e.message}`,
      explicit ? 'Give --key a path in a folder you can write to (it is created, private, when missing).' : undefined,
    );
  }
  log(
    `veil: created a new project key in ${where}${madeDir ? ` (in the new private folder ${path.dirname(where)})` : ''}\n` +
      '      Keep this file (and a copy of it) to get the same pseudonyms and UIDs in later runs; anyone with it can link outputs to patients through the mapping files.\n',
  );
  return { key, file: where, created: true };
}

async function readKeyFile(where: string): Promise<Uint8Array | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(where, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read the key file ${where}: ${e.message}`);
  }
  try {
    return parseKey(text);
  } catch (err) {
    throw new UsageError(`${where}: ${errorInEnglish(err)}`);
  }
}
