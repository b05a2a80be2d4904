// Every message code (MESSAGE_CODES: the core's, the plan's reasons, the app's notices) has an
// English and a Chinese text in the `codes` namespace, every code a source file names exists,
// and the catalogue holds no text for a code that does not exist. Plural codes (rendered with
// `count`) have _one/_other forms in English and at least _other in Chinese.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { MESSAGE_CODES, msg, type MessageCode } from '../../src/core/messages/message.ts';
import { OPTION_INFO, OPTION_KEYS } from '../../src/core/profile/options.ts';
import { bundledResources } from '../../src/i18n/index.ts';
import { inEnglish, renderMessage } from '../../src/i18n/render-code.ts';

function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object') flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else out[`${prefix}${k}`] = String(v);
  }
  return out;
}
const resources = bundledResources();
const enNs = resources.en!.codes!;
const zhNs = resources['zh-CN']!.codes!;
const en = flatten(enNs);
const zh = flatten(zhNs);
const has = (cat: Record<string, string>, code: string): boolean => code in cat || `${code}_other` in cat;

/** Codes named by the source: msg('…'), notice('…'), planReason('…'), planNote('…'). */
function codesInSource(dir = new URL('../../src/', import.meta.url).pathname, out = new Set<string>()): Set<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) codesInSource(p, out);
    else if (/\.tsx?$/.test(name)) {
      const text = readFileSync(p, 'utf8');
      for (const m of text.matchAll(/\bmsg\('([^']+)'/g)) out.add(m[1]!);
      for (const m of text.matchAll(/\bnotice\('([^']+)'/g)) out.add(`notice.${m[1]}`);
      for (const m of text.matchAll(/\bplanReason\('([^']+)'/g)) out.add(`plan.reason.${m[1]}`);
      for (const m of text.matchAll(/\bplanNote\('([^']+)'/g)) out.add(`plan.note.${m[1]}`);
    }
  }
  return out;
}

describe('message codes', () => {
  it('every code has an English and a Chinese text', () => {
    expect(MESSAGE_CODES.filter((c) => !has(en, c))).toEqual([]);
    expect(MESSAGE_CODES.filter((c) => !has(zh, c))).toEqual([]);
  });
  it('every code the source names has both texts and is listed', () => {
    const used = [...codesInSource()];
    expect(used.length).toBeGreaterThan(100);
    const known = new Set<string>(MESSAGE_CODES);
    expect(used.filter((c) => !known.has(c))).toEqual([]);
    expect(used.filter((c) => !has(en, c) || !has(zh, c))).toEqual([]);
  });
  it('names every option by its CID 7050 meaning in English', () => {
    for (const k of OPTION_KEYS) expect(en[`plan.option.${k}`]).toBe(OPTION_INFO[k].meaning);
    for (const k of OPTION_KEYS) expect(zh[`plan.option.${k}`]).toMatch(/[\u3400-\u9fff]/);
  });
  it('the catalogues hold no text for an unknown code', () => {
    const known = new Set<string>(MESSAGE_CODES);
    const base = (k: string) => k.replace(/_(one|other)$/, '');
    // plan.action.* are the action names the header panel shows (namespace `plan`), not codes.
    const unknown = (cat: Record<string, string>) => Object.keys(cat).filter((k) => !known.has(base(k)) && !k.startsWith('plan.action.'));
    expect(unknown(en)).toEqual([]);
    expect(unknown(zh)).toEqual([]);
  });
  it('renders nested messages, plurals and numbers in each language', async () => {
    const zhI18n = i18next.createInstance();
    await zhI18n.init({ resources: { 'zh-CN': { codes: zhNs } }, lng: 'zh-CN', ns: ['codes'], initAsync: false });
    const m = msg('leak-flagged', { count: 1, where: [msg('leak-where', { source: 'PatientID (0010,0020)', place: msg('leak-in-path') })] });
    expect(inEnglish(m)).toBe('the leak gate found 1 identifying value of the original in the output (PatientID (0010,0020) in output path); no output was kept');
    expect(renderMessage(zhI18n, m)).toBe('泄漏检查在输出中发现了原始文件的 1 个可识别信息（PatientID (0010,0020)，位于输出路径），未保留输出');
    expect(inEnglish(msg('pixels-redacted', { count: 3 }))).toBe('pixel data redacted: 3 boxes');
    for (const code of MESSAGE_CODES as readonly MessageCode[]) expect(renderMessage(zhI18n, msg(code, { count: 2 }))).not.toBe(code);
  });
});
