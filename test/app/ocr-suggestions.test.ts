// The OCR assist's state without a browser: a fake frame source and a fake engine give words;
// proposals become suggestions; the focused one is accepted (a redaction box, all frames) or
// rejected; an OCR hit makes the image a review candidate.

import { describe, expect, it, vi } from 'vitest';
import type { LoadedFile } from '../../src/workspace/loaded-file.ts';
import type { InstanceInfo } from '../../src/pipeline/scan-file.ts';

vi.mock('../../src/ocr/ocr-engine.ts', () => ({
  recognizeWords: async () => [
    { text: 'ZHANG', confidence: 93, bbox: { x0: 30, y0: 30, x1: 90, y1: 51 } },
    { text: '2024-03-06', confidence: 90, bbox: { x0: 300, y0: 600, x1: 480, y1: 621 } },
  ],
}));

const { acceptFocusedSuggestion, ocrState, rejectFocusedSuggestion, runOcr, setFrameSource } = await import('../../src/state/ocr-suggestions.ts');
const { store } = await import('../../src/state/store.ts');
const { candidates } = await import('../../src/state/review.ts');

const info = (o: Partial<InstanceInfo>): InstanceInfo => ({
  patientName: '', patientID: 'P1', patientBirthDate: '', studyInstanceUID: '1.1', studyDate: '', studyDescription: '',
  accessionNumber: '', seriesInstanceUID: '1.1.1', seriesNumber: '1', seriesDescription: '', modality: 'MR', sopInstanceUID: '', sopClassUID: '',
  instanceNumber: '1', frames: 2, rows: 240, columns: 320, photometric: 'MONOCHROME2', transferSyntaxUID: '1.2.840.10008.1.2.1',
  transferSyntaxName: '', hasPixels: true, encapsulated: false, needsViewCopy: false, manufacturer: '', manufacturerModelName: '', hasUsRegions: false, ...o,
});
const file: LoadedFile = { id: 7, name: 'f', size: 1, blob: new Blob([]), scan: { kind: 'dicom', status: 'ok', error: null, warnings: [], counts: { X: 0, Z: 0, D: 0, K: 0, C: 0, U: 0 }, info: info({}) } };

describe('OCR suggestions', () => {
  it('proposes, then accepts or rejects the focused proposal', async () => {
    store.set({ files: [file], filesVersion: 1, boxes: [] });
    expect(candidates()).toEqual([]);
    setFrameSource({
      current: async () => ({ fileId: 7, frame: 1, pixels: { width: 320, height: 240, components: 1, pixels: new Uint8Array(320 * 240) } }),
      async *series() {},
    });
    await runOcr('image');
    const s = ocrState();
    expect(s.suggestions.map((x) => [x.text, x.x, x.y, x.width, x.height])).toEqual([['ZHANG', 7, 7, 26, 13], ['2024-03-06', 97, 197, 66, 13]]);
    expect(s.focused).toBe(s.suggestions[0].id);
    expect(candidates().map((c) => [c.fileId, c.reasons, c.status])).toEqual([[7, ['ocr-text'], 'unreviewed']]);

    acceptFocusedSuggestion();
    expect(store.get().boxes).toEqual([expect.objectContaining({ fileId: 7, frame: 1, scope: 'instance', x: 7, y: 7, width: 26, height: 13 })]);
    expect(ocrState().suggestions.map((x) => x.text)).toEqual(['2024-03-06']);
    expect(ocrState().focused).toBe(ocrState().suggestions[0].id);
    rejectFocusedSuggestion();
    expect(ocrState().suggestions).toEqual([]);
    expect(store.get().boxes).toHaveLength(1);
    // Nothing focused: the shortcuts do nothing.
    acceptFocusedSuggestion();
    expect(store.get().boxes).toHaveLength(1);
    // Unloading the file drops its OCR marks.
    store.set({ files: [], filesVersion: 2, boxes: [] });
    expect(ocrState().hits.size).toBe(0);
  });
});
