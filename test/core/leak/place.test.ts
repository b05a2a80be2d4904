// The leak gate's place labels (foundIn) as Messages: each label the scanner writes, and one inside
// the DICOMDIR record the output brings (media-output.ts), which is not the output path.
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { msg } from '../../../src/core/messages/message.ts';
import { DICOMDIR_RECORD_PREFIX, placeOf } from '../../../src/core/leak/place.ts';
import { bundledResources } from '../../../src/i18n/index.ts';
import { inEnglish, renderMessage } from '../../../src/i18n/render-code.ts';

const zh = createInstance();
await zh.init({ resources: { 'zh-CN': bundledResources()['zh-CN']! }, lng: 'zh-CN', fallbackLng: false, defaultNS: 'codes', initAsync: false });

describe('placeOf', () => {
  it('reads each label of the scanner', () => {
    expect(placeOf('element (0010,0010)')).toEqual(msg('leak-in-element', { path: '(0010,0010)' }));
    expect(placeOf('byte offset 132')).toEqual(msg('leak-at-offset', { n: 132 }));
    expect(placeOf('inflated data set offset 40')).toEqual(msg('leak-at-inflated-offset', { n: 40 }));
    expect(placeOf('output path')).toEqual(msg('leak-in-path'));
  });
  it('names a place in a DICOMDIR record as such, in English as the report says it and in Chinese', () => {
    const label = `${DICOMDIR_RECORD_PREFIX}element (0010,0010)`;
    const m = placeOf(label);
    expect(m).toEqual(msg('leak-in-dicomdir-record', { place: msg('leak-in-element', { path: '(0010,0010)' }) }));
    expect(inEnglish(m)).toBe(label);
    expect(renderMessage(zh, m)).toBe('DICOMDIR 记录：元素 (0010,0010)');
  });
});
