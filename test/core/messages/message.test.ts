// capMessages is the one place a file's warnings are de-duplicated and capped (CLI report, app
// report and screen alike).
import { describe, expect, it } from 'vitest';
import { capMessages, msg } from '../../../src/core/messages/message.ts';
import { inEnglish } from '../../../src/i18n/render-code.ts';

describe('capMessages', () => {
  it('drops duplicates, keeps 50, then says how many more and how many distinct', () => {
    const many = Array.from({ length: 500 }, (_, i) => msg('charset-kept-latin1', { element: `(0010,${String(i % 60).padStart(4, '0')})` }));
    const capped = capMessages(many);
    expect(capped).toHaveLength(51);
    expect(capped[50]).toEqual(msg('more-warnings', { n: 450, distinct: 60 }));
    expect(inEnglish(capped[50]!)).toBe('… 450 more warnings not shown (60 distinct)');
  });
  it('keeps a short list as it is, and a list with repeats without them plus the count', () => {
    const a = msg('pixels-lossy-kept');
    const b = msg('pixels-redacted', { count: 2 });
    expect(capMessages([a, b])).toEqual([a, b]);
    expect(capMessages([a, b, a])).toEqual([a, b, msg('more-warnings', { n: 1, distinct: 2 })]);
  });
});
