// The plan's reasons (Messages with plan.* codes) in Chinese and English: real plans (the synthetic
// fixtures and the real corpus, under several option sets) give reasons whose every code, nested
// ones included, has a Chinese text (no fallback to English), and whose English is the sentence
// the CLI printed before reasons became codes.

import { readFileSync, existsSync } from 'node:fs';
import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFile } from '../../src/core/deid/process-file.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { DEFAULT_OPTIONS, OPTION_KEYS, type ProfileOptions } from '../../src/core/profile/options.ts';
import { bundledResources } from '../../src/i18n/index.ts';
import type { Message } from '../../src/core/messages/message.ts';
import { byOptionsReason, maskedReason, overridesReason, planNote, planReason, resolved, basicReason } from '../../src/core/profile/plan-reasons.ts';
import { inEnglish, renderMessage } from '../../src/i18n/render-code.ts';
import { makeCtLike } from '../fixtures/make.ts';
import { makeTestSession } from '../core/helpers.ts';

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);
const zh = createInstance();
const en = createInstance();
beforeAll(async () => {
  const resources = bundledResources();
  // No fallback language: a code without a Chinese text renders as the code itself.
  await zh.init({ resources: { 'zh-CN': resources['zh-CN']! }, lng: 'zh-CN', fallbackLng: false, defaultNS: 'codes', initAsync: false });
  await en.init({ resources: { en: resources.en! }, lng: 'en', fallbackLng: false, defaultNS: 'codes', initAsync: false });
});

const allOn = (modified: boolean): ProfileOptions => {
  const o = { ...DEFAULT_OPTIONS };
  for (const k of OPTION_KEYS) o[k] = true;
  o.retainLongitudinalFullDates = !modified;
  o.retainLongitudinalModifiedDates = modified;
  return o;
};
const OPTION_SETS: Partial<ProfileOptions>[] = [{}, allOn(true), allOn(false), { retainSafePrivate: true }, { cleanDescriptors: true, retainLongitudinalModifiedDates: true }, { retainUIDs: true, retainDeviceIdentity: true }];

async function reasonsOf(bytes: Uint8Array, out: Map<string, Message>): Promise<void> {
  for (const options of OPTION_SETS) {
    const r = await planFile(new MemorySource(bytes), makeTestSession(options), { collectRows: true });
    for (const row of r.outcome?.rows ?? []) out.set(JSON.stringify(row.reason), row.reason);
  }
}

function corpusSample(limit: number): string[] {
  const manifest = readFileSync(new URL('MANIFEST.tsv', CORPUS), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  // Small files of every modality first; one per (modality, sop class) keeps the run short.
  const seen = new Set<string>();
  const picked: string[] = [];
  for (const cols of manifest.sort((a, b) => Number(a[5]) - Number(b[5]))) {
    const key = `${cols[7]}|${cols[6]}|${cols[19]}`;
    if (seen.has(key) || Number(cols[5]) > 3_000_000) continue;
    seen.add(key);
    picked.push(cols[0]!);
  }
  return picked.slice(0, limit);
}

/** Every code in a message, nested ones included. */
function codesIn(m: Message, out = new Set<string>()): Set<string> {
  out.add(m.code);
  for (const v of Object.values(m.params)) {
    if (Array.isArray(v)) for (const n of v as Message[]) codesIn(n, out);
    else if (typeof v === 'object') codesIn(v as Message, out);
  }
  return out;
}

describe('plan reasons in Chinese', () => {
  it('renders every reason of real plans in Chinese', async () => {
    const reasons = new Map<string, Message>();
    await reasonsOf(makeCtLike(), reasons);
    if (existsSync(new URL('MANIFEST.tsv', CORPUS))) {
      for (const rel of corpusSample(60)) await reasonsOf(new Uint8Array(readFileSync(new URL(rel, CORPUS))), reasons);
    } else console.warn('plan-reason test: ../shared/corpus is absent; only the synthetic fixture was planned');
    expect(reasons.size).toBeGreaterThan(40);
    const codes = new Set<string>();
    for (const m of reasons.values()) codesIn(m, codes);
    expect([...codes].filter((c) => !zh.exists(c, { ns: 'codes' }))).toEqual([]);
    for (const m of reasons.values()) {
      const text = renderMessage(zh, m);
      expect(text, inEnglish(m)).toMatch(/[\u3400-\u9fff]/);
      expect(text).not.toMatch(/plan\.|list-comma/);
    }
  }, 120_000);

  it('names options, codes, kinds and private creators in each language', () => {
    const cases: [Message, string, string][] = [
      [basicReason('X/Z'), 'PS3.15 E.1-1 basic profile: X/Z', 'PS3.15 E.1-1 基本规范：X/Z'],
      [byOptionsReason(['retainDeviceIdentity', 'retainInstitutionIdentity'], 'K'), 'Retain Device Identity Option, Retain Institution Identity Option: K', '保留设备标识、保留机构标识：K'],
      [overridesReason('cleanDescriptors', [['retainDeviceIdentity', 'K']]), 'Clean Descriptors Option: C (overrides Retain Device Identity Option: K)', '清理描述：C（优先于 保留设备标识：K）'],
      [resolved(basicReason('X/Z'), planNote('type2', 'Z')), 'PS3.15 E.1-1 basic profile: X/Z → Z (kept present and empty: Type 2 in many IODs)', 'PS3.15 E.1-1 基本规范：X/Z → Z（保留为空：在许多 IOD 中属于 2 类）'],
      [maskedReason(false, ['resident-id', 'phone']), 'text not listed in E.1-1: identifiers masked (resident-id, phone)', 'E.1-1 未列出的文本：已遮盖识别信息（居民身份证号、电话号码）'],
      [planReason('group', { group: '0002' }), 'group 0002 does not belong in a stored data set (command, file meta or directory)', '组 0002 不应出现在存储的数据集中（命令、文件元信息或目录）'],
    ];
    for (const [m, english, chinese] of cases) {
      expect(inEnglish(m)).toBe(english);
      expect(renderMessage(en, m)).toBe(english);
      expect(renderMessage(zh, m)).toBe(chinese);
    }
    expect(renderMessage(zh, planReason('safePrivate', { creator: 'SIEMENS CT VA0  COAD' }))).toContain('“SIEMENS CT VA0  COAD”');
  });
});
