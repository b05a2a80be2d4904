// Named presets: sets of PS3.15 E.3 options chosen together for a common need, one home for the
// CLI's --preset and the app's options panel. A preset only turns options on; flags given beside
// it add to it, and the combination is checked by validateOptions like any other.
// - dose-report: dose monitoring (registries, diagnostic reference levels) reads an X-Ray
//   Radiation Dose SR's content tree (the dose values: CTDIvol, DLP, DAP…), needs the device
//   that delivered them (Retain Device Identity, E.3.4) and the time between examinations of one
//   patient (Retain Longitudinal Temporal Information Modified Dates, E.3.6: dates shifted by one
//   offset per patient). Clean Structured Content (E.3.9) keeps the tree and cleans identifying
//   values inside it; without it the Basic Profile replaces the tree with a dummy item.

import { withOption, type OptionKey, type ProfileOptions } from './options.ts';

export const PRESET_NAMES = ['dose-report'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface PresetInfo {
  /** The options the preset turns on. */
  options: readonly OptionKey[];
  /** Short label for the UI. */
  label: string;
  /** What it keeps and why, one sentence (UI and --help). */
  explanation: string;
}

export const PRESETS: Record<PresetName, PresetInfo> = {
  'dose-report': {
    options: ['cleanStructuredContent', 'retainDeviceIdentity', 'retainLongitudinalModifiedDates'],
    label: 'Dose report',
    explanation: 'For dose monitoring: keeps the dose report content (cleaned), the device identity and shifted dates with their intervals.',
  },
};

export const isPresetName = (name: string): name is PresetName => (PRESET_NAMES as readonly string[]).includes(name);

/** `options` with every option of the preset turned on. */
export function withPreset(options: ProfileOptions, name: PresetName): ProfileOptions {
  const out = { ...options };
  for (const k of PRESETS[name].options) out[k] = true;
  return out;
}

/** The first preset whose options are all on (the options panel shows it as chosen; more options may be on too). */
export function presetOf(options: ProfileOptions): PresetName | undefined {
  return PRESET_NAMES.find((n) => PRESETS[n].options.every((k) => options[k]));
}

/**
 * The options panel's choice: a preset turns its options on over the ones chosen (Retain Full
 * Dates gives way to Modified Dates); null turns off the options of the preset shown now.
 */
export function choosePresetOptions(current: ProfileOptions, name: PresetName | null): ProfileOptions {
  let options = current;
  const shown = presetOf(current);
  if (name === null && shown) for (const k of PRESETS[shown].options) options = withOption(options, k, false);
  if (name !== null) for (const k of PRESETS[name].options) options = withOption(options, k, true);
  return options;
}
