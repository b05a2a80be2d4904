// Command-line parsing shared by the subcommands: node:util parseArgs in strict mode (unknown
// flags are usage errors), plus the profile option flags taken from OPTION_INFO and checked
// with validateOptions. A UsageError ends the command with exit status 2.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_OPTIONS, OPTION_INFO, OPTION_KEYS, validateOptions, type ProfileOptions } from '../core/profile/options.ts';
import { inEnglish } from '../i18n/render-code.ts';
import { isPresetName, PRESET_NAMES, PRESETS, withPreset } from '../core/profile/presets.ts';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs options for the ten profile option flags. */
export function profileFlagSpecs(): Options {
  const out: Options = {};
  for (const k of OPTION_KEYS) out[OPTION_INFO[k].flag.slice(2)] = { type: 'boolean' };
  out.preset = { type: 'string' };
  return out;
}

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommandLine(args: string[], options: Options, command: string): Parsed {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (err) {
    const e = err as Error & { code?: string };
    const hint = `Run "veil ${command} --help" for the usage.`;
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const m = /'([^']+)'/.exec(e.message);
      throw new UsageError(`unknown option ${m ? m[1] : ''}`.trim(), hint);
    }
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const m = /'([^']+)'/.exec(e.message);
      const name = m ? m[1].split(' ')[0] : '';
      throw new UsageError(`option ${name} ${/does not take/.test(e.message) ? 'takes no value' : 'needs a value'}`, hint);
    }
    throw new UsageError(e.message, hint);
  }
}

/** The profile options chosen by flags; invalid combinations are usage errors. */
export function profileOptionsFrom(values: Parsed['values']): ProfileOptions {
  const o: ProfileOptions = { ...DEFAULT_OPTIONS };
  for (const k of OPTION_KEYS) o[k] = values[OPTION_INFO[k].flag.slice(2)] === true;
  const preset = stringFlag(values, 'preset');
  if (preset !== undefined && !isPresetName(preset)) {
    throw new UsageError(`unknown preset "${preset}"; the presets are: ${PRESET_NAMES.join(', ')}`);
  }
  const chosen = preset === undefined ? o : withPreset(o, preset);
  const errors = validateOptions(chosen);
  if (errors.length) throw new UsageError(errors.map(inEnglish).join(' '));
  return chosen;
}

/** A string flag's value, or undefined. */
export const stringFlag = (values: Parsed['values'], name: string): string | undefined => {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new UsageError(`option --${name} needs a value`);
  return v;
};

export function positiveInt(text: string, name: string): number {
  if (!/^[1-9][0-9]*$/.test(text.trim())) throw new UsageError(`--${name} must be a whole number of at least 1, not "${text}"`);
  return Number(text.trim());
}

/** Lines describing the option flags, for --help. */
export function profileFlagHelp(): string {
  const width = Math.max(...OPTION_KEYS.map((k) => OPTION_INFO[k].flag.length));
  const lines = OPTION_KEYS.map((k) => `  ${OPTION_INFO[k].flag.padEnd(width)}  ${OPTION_INFO[k].explanation}`);
  lines.push(`  ${'--preset NAME'.padEnd(width)}  Turn on a named set of options; other flags add to it. Presets:`);
  for (const n of PRESET_NAMES) {
    const flags = PRESETS[n].options.map((k) => OPTION_INFO[k].flag).join(' ');
    lines.push(`    ${n}: ${flags}`, `      ${PRESETS[n].explanation}`);
  }
  return lines.join('\n');
}
