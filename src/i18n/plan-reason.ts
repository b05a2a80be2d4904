// The reason column of the plan (why an attribute is removed, emptied, kept…) in the UI language.
// The pure core writes each reason in English from a fixed set of sentences (element-policy.ts,
// profile-table.ts, profile-walker.ts); the English sentences are the keys of the `plan`
// namespace, so a reason is recognised by its sentence (its stable code) and rendered in the
// current language, with option names, detector kinds and actions translated too. A reason
// made of "<rule> → <how a compound code was resolved>" is translated part by part.
// test/i18n/plan-reason.test.ts runs real plans and fails on any reason it cannot recognise.

import type { i18n as I18n } from 'i18next';
import { OPTION_INFO, OPTION_KEYS, type OptionKey } from '../core/profile/options.ts';
import { matchTemplate } from './translate-text.ts';

const BY_MEANING = new Map<string, OptionKey>(OPTION_KEYS.map((k) => [OPTION_INFO[k].meaning, k]));

function optionName(i18n: I18n, meaning: string): string | null {
  const k = BY_MEANING.get(meaning.trim());
  return k ? i18n.t(`options.${k}.label`, { ns: 'app' }) : null;
}

function translateBase(i18n: I18n, base: string): string | null {
  const m = matchTemplate(i18n, 'plan', base, 'reason.');
  if (!m) return null;
  const p = { ...m.params };
  if (m.key === 'reason.byOptions') {
    const names = p.options!.split(', ').map((n) => optionName(i18n, n));
    if (names.some((n) => n === null) || !/^[A-Z]$/.test(p.code!)) return null;
    p.options = names.join('、');
  } else if (m.key === 'reason.overrides') {
    const winner = optionName(i18n, p.option!);
    const losers = p.losers!.split(', ').map((l) => {
      const [name, code] = l.split(': ');
      const n = optionName(i18n, name ?? '');
      return n && code ? `${n}：${code}` : null;
    });
    if (!winner || losers.some((l) => l === null)) return null;
    p.option = winner;
    p.losers = losers.join('、');
  } else if (m.key === 'reason.maskedInCleaned' || m.key === 'reason.maskedUnlisted') {
    p.kinds = p.kinds!.split(', ').map((k) => i18n.t(`kind.${k}`, { ns: 'plan', defaultValue: k })).join('、');
  } else if (m.key === 'reason.basic' && !/^[A-Z](?:\/[A-Z]\*?)*$/.test(p.code!)) return null;
  return i18n.t(m.key, { ns: 'plan', ...p, interpolation: { escapeValue: false } });
}

/** The reason in the given i18n instance's language, or null when it is not a known sentence. */
export function translateReasonStrict(i18n: I18n, reason: string): string | null {
  const at = reason.indexOf(' → ');
  const base = at < 0 ? reason : reason.slice(0, at);
  const b = translateBase(i18n, base);
  if (b === null) return null;
  if (at < 0) return b;
  const m = matchTemplate(i18n, 'plan', reason.slice(at + 3), 'note.');
  if (!m) return null;
  return `${b} → ${i18n.t(m.key, { ns: 'plan', ...m.params, interpolation: { escapeValue: false } })}`;
}

/** The reason for display: translated when recognised, else as the core wrote it. */
export function translateReason(i18n: I18n, reason: string): string {
  if (i18n.language === 'en') return reason;
  return translateReasonStrict(i18n, reason) ?? reason;
}
