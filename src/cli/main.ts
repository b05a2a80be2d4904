// Entry point of the `veil` command (run by bin/veil.mjs under tsx): dispatches to the
// subcommands and turns usage errors into a message and exit status 2. main() has no side
// effects besides its output, so tests can call it in-process.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Io } from './anonymize.ts';
import { UsageError } from './args.ts';
import { MAIN_HELP } from './usage.ts';
import { MessageError } from '../core/messages/notice.ts';
import { errorInEnglish } from '../i18n/render-code.ts';

function version(): string {
  try {
    // src/cli/main.ts and the bundle dist-cli/main.mjs sit at different depths.
    const url = new URL(import.meta.url.includes('/dist-cli/') ? '../package.json' : '../../package.json', import.meta.url);
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export const processIo = (): Io => ({ out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), version: version() });

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(MAIN_HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(`veil ${io.version}\n`);
      return 0;
    }
    // Loaded on demand: the core (and its DICOM dictionary) takes a moment to load.
    if (command === 'anonymize') return await (await import('./anonymize.ts')).anonymize(rest, io);
    if (command === 'inspect') return await (await import('./inspect.ts')).inspect(rest, io);
    if (command === 'verify-audit') return await (await import('./verify-audit.ts')).verifyAudit(rest, io);
    throw new UsageError(`unknown command ${command}`, 'Run "veil --help" for the commands.');
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`veil: ${err.message}\n${err.hint ? err.hint + '\n' : ''}`);
      return 2;
    }
    throw err;
  }
}

/** Run as the `veil` process: sets the exit status (without process.exit, so stdout drains). */
export async function runAsProcess(argv: string[] = process.argv.slice(2)): Promise<void> {
  // `veil inspect … | head`: a closed pipe ends the output quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  process.exitCode = await main(argv).catch((err: unknown) => {
    // A MessageError's message is its code: its reason goes first, in English.
    const reason = err instanceof MessageError ? `${errorInEnglish(err)}\n` : '';
    process.stderr.write(`veil: internal error: ${reason}${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 70;
  });
}

// `tsx src/cli/main.ts …` works too.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runAsProcess();
