// The plan's reasons in Chinese: real plans (the synthetic fixtures and the real corpus, under
// several option sets) give reasons the UI must recognise; every one of them must translate to
// Chinese text, so a new or reworded reason in core fails here instead of showing English.

import { readFileSync, existsSync } from 'node:fs';
import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFile } from '../../src/core/deid/process-file.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { DEFAULT_OPTIONS, OPTION_KEYS, type ProfileOptions } from '../../src/core/profile/options.ts';
import { bundledResources } from '../../src/i18n/index.ts';
import { translateReason, translateReasonStrict } from '../../src/i18n/plan-reason.ts';
import { makeCtLike } from '../fixtures/make.ts';
import { makeTestSession } from '../core/helpers.ts';

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);
const zh = createInstance();
const en = createInstance();
beforeAll(async () => {
  const resources = bundledResources();
  const base = { resources, fallbackLng: 'en', defaultNS: 'common', interpolation: { escapeValue: false }, initAsync: false };
  await zh.init({ ...base, lng: 'zh-CN' });
  await en.init({ ...base, lng: 'en' });
});

const allOn = (modified: boolean): ProfileOptions => {
  const o = { ...DEFAULT_OPTIONS };
  for (const k of OPTION_KEYS) o[k] = true;
  o.retainLongitudinalFullDates = !modified;
  o.retainLongitudinalModifiedDates = modified;
  return o;
};
const OPTION_SETS: Partial<ProfileOptions>[] = [{}, allOn(true), allOn(false), { retainSafePrivate: true }, { cleanDescriptors: true, retainLongitudinalModifiedDates: true }, { retainUIDs: true, retainDeviceIdentity: true }];

async function reasonsOf(bytes: Uint8Array, out: Set<string>): Promise<void> {
  for (const options of OPTION_SETS) {
    const r = await planFile(new MemorySource(bytes), makeTestSession(options), { collectRows: true });
    for (const row of r.outcome?.rows ?? []) out.add(row.reason);
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

describe('plan reasons in Chinese', () => {
  it('translates every reason of real plans', async () => {
    const reasons = new Set<string>();
    await reasonsOf(makeCtLike(), reasons);
    if (existsSync(new URL('MANIFEST.tsv', CORPUS))) {
      for (const rel of corpusSample(60)) await reasonsOf(new Uint8Array(readFileSync(new URL(rel, CORPUS))), reasons);
    } else console.warn('plan-reason test: ../shared/corpus is absent; only the synthetic fixture was planned');
    expect(reasons.size).toBeGreaterThan(40);
    const unknown = [...reasons].filter((r) => translateReasonStrict(zh, r) === null);
    expect(unknown).toEqual([]);
    for (const r of reasons) expect(translateReason(zh, r), r).toMatch(/[\u3400-\u9fff]/);
  }, 120_000);

  it('keeps option names, codes and private creators, and leaves English untouched', () => {
    expect(translateReason(zh, 'PS3.15 E.1-1 basic profile: X/Z')).toBe('PS3.15 E.1-1 基本规范：X/Z');
    expect(translateReason(zh, 'Retain Device Identity Option, Retain Institution Identity Option: K')).toBe('保留设备标识、保留机构标识：K');
    expect(translateReason(zh, 'Clean Descriptors Option: C (overrides Retain Device Identity Option: K)')).toBe('清理描述：C（优先于 保留设备标识：K）');
    expect(translateReason(zh, 'PS3.15 E.1-1 basic profile: X/Z → Z (kept present and empty: Type 2 in many IODs)')).toBe('PS3.15 E.1-1 基本规范：X/Z → Z（保留为空：在许多 IOD 中属于 2 类）');
    expect(translateReason(zh, 'Retain Safe Private Option: safe private attribute of "SIEMENS CT VA0  COAD" (PS3.15 E.3.10-1)')).toContain('“SIEMENS CT VA0  COAD”');
    expect(translateReason(zh, 'text not listed in E.1-1: identifiers masked (resident-id, phone)')).toBe('E.1-1 未列出的文本：已遮盖识别信息（居民身份证号、电话号码）');
    expect(translateReasonStrict(zh, 'something new the core says')).toBeNull();
    expect(translateReason(zh, 'something new the core says')).toBe('something new the core says');
    expect(translateReason(en, 'PS3.15 E.1-1 basic profile: X')).toBe('PS3.15 E.1-1 basic profile: X');
  });
});
