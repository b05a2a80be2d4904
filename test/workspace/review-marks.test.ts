// What review accepts (issue 11), without a browser: "Redacted" is refused while a box covers a
// third of the name OCR found (accepted proposals count, rejected ones do not) and accepted once
// the boxes cover it; the export's pixel review then vouches for the boxes only while they still
// cover the text. "Confirmed clean" waits for the viewer to have drawn the image and is refused
// once drawing failed. A box of a template in use vouches for its image. An export clicked during
// a load waits until every opened file is read (files-ready.ts).

import { notice } from '../../src/core/messages/notice.ts';
import { describe, expect, it, vi } from 'vitest';
import type { LoadedFile } from '../../src/workspace/loaded-file.ts';
import { instanceInfo, loadedFile } from '../fixtures/loaded-files.ts';

// The fake engine reads one name and one date on a 320 × 240 frame, in image pixels.
vi.mock('../../src/state/ocr-client.ts', () => ({
  ocrFramePixels: async () => [
    { x: 7, y: 7, width: 96, height: 13, text: 'ZHANG^WEI', confidence: 93 },
    { x: 100, y: 200, width: 60, height: 13, text: '2024-03-06', confidence: 90 },
  ],
}));

const { ocrState, rejectSuggestion, acceptSuggestion, runOcr, setFrameSource } = await import('../../src/state/ocr-suggestions.ts');
const { store } = await import('../../src/state/store.ts');
const { addBox, moveBox } = await import('../../src/state/redaction.ts');
const { markRefusal, markSelected, reportRender, reviewSnapshot, reviewState } = await import('../../src/state/review.ts');
const { filesReady, trackInputs, whenFilesReady } = await import('../../src/state/files-ready.ts');
const { filesById } = await import('../../src/workspace/redaction-boxes.ts');

const loaded = (id: number): LoadedFile => loadedFile(id, { info: instanceInfo({ manufacturer: 'ACME', manufacturerModelName: 'U1', sopInstanceUID: `1.2.${id}` }) });

describe('review marks a person can stand behind', () => {
  it('refuses "Redacted" for a box over a third of the name, accepts it once the name is covered', async () => {
    store.set({ files: [loaded(1), loaded(2)], filesVersion: 1, boxes: [], selectedFile: 1 });
    setFrameSource({
      count: () => 1,
      files: () => [1],
      async *frames() {
        yield { fileId: 1, frame: 0, pixels: { width: 320, height: 240, components: 1, pixels: new Uint8Array(320 * 240) } };
      },
    });
    await runOcr('image');
    const [name, date] = ocrState().suggestions;
    expect([name.text, name.x, name.y, name.width, name.height]).toEqual(['ZHANG^WEI', 7, 7, 96, 13]);
    rejectSuggestion(date.id); // not identifying, says the operator: it no longer counts
    acceptSuggestion(name.id); // the name becomes a box covering it, and stays a text to cover
    const accepted = store.get().boxes[0];
    moveBox(accepted.id, { x: 7, y: 7, width: 32, height: 13 }); // shrunk to a third of the name
    expect(markSelected('redacted')).toBe('text-uncovered');
    expect(reviewState().marks.has(1)).toBe(false);

    addBox({ id: 'rest', fileId: 1, frame: 0, x: 39, y: 7, width: 60, height: 13 }); // now 96 % covered
    expect(markSelected('redacted')).toBeNull();
    expect(reviewState().marks.get(1)).toBe('redacted');
    const s = store.get();
    expect(reviewSnapshot().pixelReview(s.files[0], filesById(s.files), s.boxes)).toMatchObject({ boxesReviewed: true, burnedInCandidate: true, confirmedClean: false });

    // Moved off the name after the mark: the export no longer vouches for the boxes.
    moveBox('rest', { x: 200, y: 100, width: 60, height: 13 });
    const moved = store.get();
    expect(reviewSnapshot().pixelReview(moved.files[0], filesById(moved.files), moved.boxes)).toMatchObject({ boxesReviewed: false, burnedInCandidate: true });
  });

  it('a box of a template in use vouches for its image; a drawn one does not', () => {
    const s = store.get();
    const byId = filesById(s.files);
    const drawn = [{ id: 'd1', fileId: 2, frame: 0, scope: 'instance' as const, x: 0, y: 0, width: 10, height: 10 }];
    expect(reviewSnapshot().pixelReview(s.files[1], byId, drawn).boxesReviewed).toBe(false);
    const fromTemplate = [{ ...drawn[0], id: 'template1-0-0-2' }];
    expect(reviewSnapshot().pixelReview(s.files[1], byId, fromTemplate)).toMatchObject({ boxesReviewed: true, boxes: [{ x: 0, y: 0, width: 10, height: 10 }] });
  });

  it('"Confirmed clean" only for an image the viewer drew; a failed draw sticks', () => {
    expect(markRefusal(2, 'clean')).toBe('not-rendered');
    reportRender(2, true);
    expect(markRefusal(2, 'clean')).toBeNull();
    reportRender(1, false);
    reportRender(1, true); // a later draw event (another frame or image) does not undo the failure
    expect(markRefusal(1, 'clean')).toBe('render-failed');
    store.set({ selectedFile: 1 });
    expect(markSelected('clean')).toBe('render-failed');
    expect(reviewState().marks.get(1)).toBe('redacted');
  });
});

describe('files ready', () => {
  it('waits for inputs still being listed and for the scanner', async () => {
    store.set({ loading: null });
    expect(filesReady()).toBe(true);
    let finishListing!: () => void;
    const listing = trackInputs(new Promise<void>((r) => (finishListing = r)));
    expect(filesReady()).toBe(false);
    let ready = false;
    const waiting = whenFilesReady().then(() => (ready = true));
    // The scanner idle between two batches: still not ready while inputs are listed.
    await Promise.resolve();
    expect(ready).toBe(false);
    store.set({ loading: { label: notice('readingFiles'), done: 1, total: 2, startedAt: 0 } }); // the last batch handed over, being read
    finishListing();
    await listing;
    await Promise.resolve();
    expect(ready).toBe(false);
    store.set({ loading: null });
    await waiting;
    expect(ready).toBe(true);
  });

  it('an aborted wait rejects', async () => {
    store.set({ loading: { label: notice('readingFiles'), done: 0, total: 1, startedAt: 0 } });
    const ctl = new AbortController();
    const waiting = whenFilesReady(ctl.signal);
    ctl.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    store.set({ loading: null });
  });
});
