import { describe, expect, it } from 'vitest';
import { growStack } from '../../src/viewer/stack-growth.ts';

/** The StackViewport fields setStack sets, as a plain object (Cornerstone3D 5.x names). */
function viewport(imageIds: string[], index: number) {
  const keys = new Map<string, number>();
  imageIds.forEach((id, i) => keys.set(id, i));
  return { imageIds, imageKeyToIndexMap: keys, currentImageIdIndex: index, targetImageIdIndex: index };
}
const uri = (id: string) => id.replace(/\?frame=\d+$/, '');

describe('growStack', () => {
  it('takes a longer list in place and keeps the shown image, whose index moves', () => {
    const vp = viewport(['f:2', 'f:4'], 1);
    const at = growStack(vp, 'f:4', ['f:1', 'f:2', 'f:3', 'f:4', 'f:5'], uri);
    expect(at).toBe(3);
    expect(vp.imageIds).toEqual(['f:1', 'f:2', 'f:3', 'f:4', 'f:5']);
    expect([vp.currentImageIdIndex, vp.targetImageIdIndex]).toEqual([3, 3]);
    expect(vp.imageKeyToIndexMap.get('f:5')).toBe(4);
  });

  it('maps frame ids and their file URI', () => {
    const vp = viewport(['f:1?frame=1'], 0);
    expect(growStack(vp, 'f:1?frame=1', ['f:0', 'f:1?frame=1', 'f:1?frame=2'], uri)).toBe(1);
    expect(vp.imageKeyToIndexMap.get('f:1?frame=2')).toBe(2);
    expect(vp.imageKeyToIndexMap.has('f:1')).toBe(true);
  });

  it('asks for a real setStack when the list is not a growth of the shown one, or nothing is shown', () => {
    const cases: [ReturnType<typeof viewport>, string | undefined, string[]][] = [
      [viewport(['f:1', 'f:2'], 0), 'f:1', ['f:1', 'f:3']], // f:2 left the list
      [viewport(['f:1'], 0), 'f:1', ['f:9']], // another series
      [viewport(['f:1'], 0), undefined, ['f:1', 'f:2']], // nothing drawn yet
      [viewport([], 0), 'f:1', ['f:1']], // empty stack
      [{ ...viewport(['f:1', 'f:2'], 0), targetImageIdIndex: 1 }, 'f:1', ['f:1', 'f:2', 'f:3']], // a scroll in flight
    ];
    for (const [vp, shown, ids] of cases) {
      const before = vp.imageIds;
      expect(growStack(vp, shown, ids, uri)).toBe(-1);
      expect(vp.imageIds).toBe(before);
    }
    expect(growStack({ imageIds: ['f:1'] }, 'f:1', ['f:1', 'f:2'], uri)).toBe(-1); // not a viewport this knows
  });
});
