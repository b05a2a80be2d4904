// The app's scan (in a worker) tells the viewer, OCR and slides up front that a pixel bomb must
// not be decoded: the instance carries the reason, and the viewer shows it instead of a black image.
import { inEnglish } from '../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import { unviewableReason } from '../../src/workspace/viewability.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { scanFile } from '../../src/pipeline/scan-file.ts';
import { rlePixelBomb } from '../fixtures/hostile.ts';
import { makeCtLike, TS } from '../fixtures/make.ts';
import { makeTestSession } from '../core/helpers.ts';

describe('scan of a pixel bomb', () => {
  it('is listed (its header is fine) but marked not to be decoded, with the reason in words', async () => {
    const r = await scanFile(new MemorySource(rlePixelBomb()), makeTestSession());
    expect(r.status).toBe('ok');
    expect(inEnglish(r.info!.decodeRefusal!)).toMatch(/40000 × 40000 pixels .* more memory than the limit/);
    expect(inEnglish(unviewableReason(r.info!)!)).toMatch(/^This image is not shown: the image declares 40000 × 40000 pixels/);
  });

  it('an ordinary RLE image is shown', async () => {
    const r = await scanFile(new MemorySource(makeCtLike({ transferSyntax: TS.RLELossless })), makeTestSession());
    expect(r.info?.decodeRefusal).toBeUndefined();
    expect(unviewableReason(r.info!)).toBeNull();
  });
});
