// The review's coverage rule: a box over a third of a name does not count as redacting it.

import { describe, expect, it } from 'vitest';
import { coveredFraction, uncoveredTexts } from '../../src/workspace/text-coverage.ts';

const NAME = { x: 10, y: 20, width: 90, height: 10, frame: 0 };

describe('coveredFraction', () => {
  it('a box over a third of the text covers a third', () => {
    expect(coveredFraction(NAME, [{ x: 10, y: 20, width: 30, height: 10 }])).toBeCloseTo(1 / 3, 5);
  });
  it('overlapping boxes are counted once, pixels a box touches count whole', () => {
    expect(coveredFraction(NAME, [{ x: 10, y: 20, width: 60, height: 10 }, { x: 40, y: 20, width: 60, height: 10 }])).toBe(1);
    expect(coveredFraction(NAME, [{ x: 9.5, y: 19.5, width: 44.2, height: 11 }])).toBeCloseTo(44 / 90, 5); // touches pixels 9 … 53
  });
  it('a box larger than the text covers all of it; a box on another frame none of it', () => {
    expect(coveredFraction(NAME, [{ x: 0, y: 0, width: 200, height: 200 }])).toBe(1);
    expect(coveredFraction(NAME, [{ x: 0, y: 0, width: 200, height: 200, frames: [1] }])).toBe(0);
    expect(coveredFraction({ ...NAME, frame: 1 }, [{ x: 0, y: 0, width: 200, height: 200, frames: [1] }])).toBe(1);
  });
});

describe('uncoveredTexts', () => {
  it('keeps only texts covered less than 90 %', () => {
    const date = { x: 10, y: 40, width: 50, height: 10, frame: 0 };
    const boxes = [{ x: 10, y: 20, width: 85, height: 10 }, { x: 10, y: 40, width: 20, height: 10 }];
    expect(uncoveredTexts([NAME, date], boxes)).toEqual([date]);
    expect(uncoveredTexts([NAME], [{ x: 10, y: 20, width: 80, height: 10 }])).toEqual([NAME]);
  });
});
