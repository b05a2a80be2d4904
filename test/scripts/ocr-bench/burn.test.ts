// The OCR benchmark's generator (scripts/ocr-bench/burn.ts) places its two text blocks apart, as
// devices print them: two blocks burned over each other made text no reader could read and
// counted the gap between the merged lines as false-positive area (11 of 90 images of seeds 0–8
// before the fix). Needs ../shared/corpus (the bench's base frames); skipped when it is absent.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBases } from '../../../scripts/ocr-bench/bases.ts';
import { makeCase, type TruthBox } from '../../../scripts/ocr-bench/burn.ts';

const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');
const overlap = (a: TruthBox, b: TruthBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!existsSync(CORPUS))('OCR bench generator', () => {
  it('never burns one box over another, on any base and seeds 0–8', async () => {
    const bases = await loadBases(CORPUS);
    expect(bases.length).toBeGreaterThanOrEqual(8);
    let checked = 0;
    for (let seed = 0; seed < 9; seed++) {
      for (const base of bases) {
        const c = makeCase(base, seed);
        expect(c.boxes.filter((b) => b.kind !== 'label').length).toBeGreaterThan(0);
        for (let i = 0; i < c.boxes.length; i++) for (let j = i + 1; j < c.boxes.length; j++) expect(overlap(c.boxes[i], c.boxes[j]), `${c.id}: ${c.boxes[i].text} / ${c.boxes[j].text}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBe(bases.length * 9);
  }, 120_000);
});
