// The OCR assist's state without a browser: a fake frame source and a fake engine give proposals;
// they become suggestions (identifying ones marked, identical frames read once, a box seen on
// several frames of one image kept once); the focused one is accepted (a redaction box, all
// frames) or rejected; an OCR hit makes the image a review candidate; a run can be cancelled;
// a background run waits for idleness and unread images, and stops (engine too) for an export or a load.

import { inEnglish } from '../../src/i18n/render-code.ts';
import { describe, expect, it, vi } from 'vitest';
import type { LoadedFile } from '../../src/workspace/loaded-file.ts';
import type { CapturedFrame, FrameSource } from '../../src/ocr/frame-source.ts';
import type { FramePixels } from '../../src/ocr/grey-image.ts';
import type { InstanceInfo } from '../../src/pipeline/scan-file.ts';
import { instanceInfo, loadedFile } from '../fixtures/loaded-files.ts';

const calls: FramePixels[] = [];
const TWO = [
  { x: 7, y: 7, width: 26, height: 13, text: 'ZHANG WEI', confidence: 93 },
  { x: 97, y: 197, width: 66, height: 13, text: 'Siemens', confidence: 90 },
];
let reply = TWO;
/** While set, engine calls wait for release() or stopOcr() (a frame being read). */
let hold = false;
const waiting: { release: () => void; stop: (e: Error) => void }[] = [];
const stopOcr = vi.fn(() => {
  for (const w of waiting.splice(0)) w.stop(new Error('OCR engine stopped'));
});
vi.mock('../../src/state/ocr-client.ts', () => ({
  ocrFramePixels: async (f: FramePixels) => {
    calls.push(f);
    if (hold) await new Promise<void>((release, stop) => waiting.push({ release, stop }));
    return reply;
  },
  stopOcr,
}));

const { BACKGROUND_IDLE_MS, acceptFocusedSuggestion, cancelOcr, ocrState, rejectFocusedSuggestion, runOcr, setAutoOcr, setFrameSource } = await import('../../src/state/ocr-suggestions.ts');
const { IDLE_EXPORT, store } = await import('../../src/state/store.ts');
const { candidates } = await import('../../src/state/review.ts');

const info = (o: Partial<InstanceInfo>): InstanceInfo =>
  instanceInfo({ patientName: '张^伟', modality: 'MR', frames: 2, photometric: 'MONOCHROME2', manufacturer: '', manufacturerModelName: '', ...o });
const file: LoadedFile = { ...loadedFile(7, { info: info({}) }), name: 'f' };

const frame = (n: number, fill: number): CapturedFrame => ({ fileId: 7, frame: n, pixels: { width: 320, height: 240, components: 1, pixels: new Uint8Array(320 * 240).fill(fill) } });
function source(frames: CapturedFrame[], gate?: Promise<void>): FrameSource {
  return {
    count: () => frames.length,
    files: () => [...new Set(frames.map((f) => f.fileId))],
    async *frames() {
      for (const f of frames) {
        if (gate) await gate;
        yield f;
      }
    },
  };
}

/**
 * A background-OCR case: fake timers, no files, no export or load, the engine's calls counted from
 * zero and automatic OCR on (files version `version`); afterwards automatic OCR off, real timers.
 */
async function inBackground(version: number, body: () => Promise<void>): Promise<void> {
  vi.useFakeTimers();
  try {
    store.set({ files: [], filesVersion: version, boxes: [], selectedSeries: null, exporting: IDLE_EXPORT, loading: null });
    calls.length = 0;
    stopOcr.mockClear();
    setAutoOcr(true);
    await body();
  } finally {
    hold = false;
    setAutoOcr(false);
    vi.useRealTimers();
  }
}

describe('OCR suggestions', () => {
  it('proposes once per image from every frame, marks identifying text, then accepts or rejects', async () => {
    setAutoOcr(false);
    store.set({ files: [file], filesVersion: 1, boxes: [] });
    expect(candidates()).toEqual([]);
    // Frames 0 and 1 identical (read once), frame 2 different (read, its boxes already proposed).
    setFrameSource(source([frame(0, 5), frame(1, 5), frame(2, 9)]));
    await runOcr('image');
    expect(calls).toHaveLength(2);
    const s = ocrState();
    expect(s.phase).toBe('done');
    expect(s.suggestions.map((x) => [x.text, x.frame, x.identifying, x.x, x.y, x.width, x.height])).toEqual([
      ['ZHANG WEI', 0, true, 7, 7, 26, 13],
      ['Siemens', 0, false, 97, 197, 66, 13],
    ]);
    expect(s.focused).toBe(s.suggestions[0].id);
    expect(candidates().map((c) => [c.fileId, c.reasons, c.status])).toEqual([[7, ['ocr-text'], 'unreviewed']]);

    acceptFocusedSuggestion();
    expect(store.get().boxes).toEqual([expect.objectContaining({ fileId: 7, frame: 0, scope: 'instance', x: 7, y: 7, width: 26, height: 13 })]);
    expect(ocrState().suggestions.map((x) => x.text)).toEqual(['Siemens']);
    rejectFocusedSuggestion();
    expect(ocrState().suggestions).toEqual([]);
    expect(store.get().boxes).toHaveLength(1);
    acceptFocusedSuggestion();
    expect(store.get().boxes).toHaveLength(1);
    store.set({ files: [], filesVersion: 2, boxes: [] });
    expect(ocrState().hits.size).toBe(0);
  });

  it('stops when cancelled, keeping what it found', async () => {
    store.set({ files: [file], filesVersion: 3, boxes: [] });
    calls.length = 0;
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    setFrameSource(source([frame(0, 1), frame(1, 2), frame(2, 3)], gate));
    const running = runOcr('series');
    await Promise.resolve();
    expect(ocrState().running).toBe(true);
    expect(ocrState().total).toBe(3);
    const stopped = cancelOcr();
    open();
    await stopped;
    await running;
    expect(ocrState().running).toBe(false);
    expect(calls.length).toBeLessThan(3);
    expect(inEnglish(ocrState().message!)).toMatch(/stopped/);
  });

  it('a series also proposes what stays the same on every frame while the rest changes', async () => {
    const other: LoadedFile = { ...file, id: 8 };
    store.set({ files: [file, other], filesVersion: 4, boxes: [] });
    reply = [];
    const w = 64;
    const slice = (fileId: number, t: number): CapturedFrame => {
      const px = new Uint16Array(w * w);
      for (let i = 0; i < px.length; i++) px[i] = 500 + Math.round(300 * Math.sin(i / 11 + t));
      for (let x = 4; x < 30; x++) for (let y = 2; y < 8; y++) px[y * w + x] = x % 3 ? 4000 : 0;
      return { fileId, frame: 0, pixels: { width: w, height: w, components: 1, pixels: px } };
    };
    setFrameSource(source([slice(7, 0), slice(8, 1), slice(7, 2)]));
    await runOcr('series');
    const fixed = ocrState().suggestions.filter((x) => x.fixed);
    expect(fixed.map((x) => [x.fileId, x.x, x.y, x.width, x.height])).toEqual([[7, 4, 1, 26, 8], [8, 4, 1, 26, 8]]);
    expect(candidates().map((c) => c.fileId)).toEqual([7, 8]);
    reply = TWO;
  });

  it('reads the shown series in the background only once the operator is idle, and stops when another series is shown', async () => {
    await inBackground(5, async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      setFrameSource(source([frame(0, 11), frame(1, 12), frame(2, 13)], gate));
      store.set({ files: [file], filesVersion: 6, selectedSeries: '1.1.1' });
      await vi.advanceTimersByTimeAsync(BACKGROUND_IDLE_MS - 1000);
      expect(ocrState().running).toBe(false);
      await vi.advanceTimersByTimeAsync(1500);
      expect(ocrState().running).toBe(true);
      store.set({ selectedSeries: '1.1.2' });
      open();
      await vi.waitFor(() => expect(ocrState().running).toBe(false));
      expect(calls.length).toBeLessThan(3);
      expect(inEnglish(ocrState().message!)).toMatch(/stopped/);
    });
  });

  it('waits while files are being read or an export runs; an export stops a background run and its engine at once, and the run resumes after it, skipping what it read', async () => {
    await inBackground(7, async () => {
      const other: LoadedFile = { ...file, id: 8 };
      // Each frame comes when its gate opens.
      const opens: (() => void)[] = [];
      const gates = [0, 1].map(() => new Promise<void>((r) => opens.push(r)));
      const frames = [{ ...frame(0, 21), fileId: 7 }, { ...frame(0, 22), fileId: 8 }];
      setFrameSource({ count: () => 2, files: () => [7, 8], async *frames() { for (const f of frames) { await gates[f.fileId - 7]; yield f; } } });
      // Files still being read: the operator's idleness alone does not start it.
      store.set({ files: [file, other], filesVersion: 8, selectedSeries: '1.1.1', loading: { done: 1, total: 2 } as never });
      await vi.advanceTimersByTimeAsync(BACKGROUND_IDLE_MS + 2000);
      expect(ocrState().running).toBe(false);
      store.set({ loading: null });
      await vi.advanceTimersByTimeAsync(500);
      expect(ocrState().running).toBe(true);
      opens[0]();
      await vi.waitFor(() => expect(calls).toHaveLength(1));
      // The first image is read; the second is being read when an export starts: the engine is
      // stopped at once (that frame dropped), and the run waits.
      hold = true;
      opens[1]();
      await vi.waitFor(() => expect(calls).toHaveLength(2));
      expect(waiting).toHaveLength(1);
      store.set({ exporting: { ...IDLE_EXPORT, phase: 'running' } });
      await vi.advanceTimersByTimeAsync(10);
      expect(ocrState().running).toBe(false);
      expect(stopOcr).toHaveBeenCalledTimes(1);
      expect(inEnglish(ocrState().message!)).toMatch(/stopped/);
      expect([...ocrState().read]).toEqual([7]);
      hold = false;
      await vi.advanceTimersByTimeAsync(BACKGROUND_IDLE_MS + 2000);
      expect(ocrState().running).toBe(false);
      expect(calls).toHaveLength(2);
      // The export is over: the series is read on, without the image already read.
      store.set({ exporting: { ...IDLE_EXPORT, phase: 'done' } });
      await vi.advanceTimersByTimeAsync(500);
      await vi.waitFor(() => expect(ocrState().phase).toBe('done'));
      expect(calls).toHaveLength(3);
      expect(calls[2]).toBe(calls[1]);
      expect([...ocrState().read].sort()).toEqual([7, 8]);
    });
  });

  it("keeps the operator's run's result: the background wait it overtook does not replace it with \"no text\"", async () => {
    await inBackground(9, async () => {
      setFrameSource(source([frame(0, 31), frame(1, 32)]));
      // Showing the series starts the wait for idleness; the operator reads the series before it ends.
      store.set({ files: [file], filesVersion: 10, selectedSeries: '1.1.3' });
      await vi.advanceTimersByTimeAsync(1000);
      await runOcr('series');
      expect(calls).toHaveLength(2);
      expect(inEnglish(ocrState().message!)).toMatch(/^OCR proposed 2 boxes/);
      const after = ocrState().message;
      await vi.advanceTimersByTimeAsync(BACKGROUND_IDLE_MS + 2000);
      expect(calls).toHaveLength(2);
      expect(ocrState().message).toBe(after);
      // With every image of the series read, a later change of files starts no background run either.
      store.set({ filesVersion: 11 });
      await vi.advanceTimersByTimeAsync(BACKGROUND_IDLE_MS + 2000);
      expect(calls).toHaveLength(2);
      expect(ocrState().message).toBe(after);
    });
  });

  it('opening more files stops a background run and its engine; it resumes once they are read', async () => {
    await inBackground(12, async () => {
      setFrameSource(source([{ ...frame(0, 41), fileId: 7 }]));
      hold = true;
      store.set({ files: [file], filesVersion: 13, selectedSeries: '1.1.4' });
      await vi.advanceTimersByTimeAsync(BACKGROUND_IDLE_MS + 500);
      expect(ocrState().running).toBe(true);
      expect(waiting).toHaveLength(1);
      // More files are being read: the engine stops now, the frame in hand is dropped.
      store.set({ loading: { done: 0, total: 5 } as never });
      await vi.advanceTimersByTimeAsync(10);
      expect(stopOcr).toHaveBeenCalledTimes(1);
      expect(ocrState().running).toBe(false);
      expect(ocrState().read.has(7)).toBe(false);
      hold = false;
      await vi.advanceTimersByTimeAsync(BACKGROUND_IDLE_MS + 2000);
      expect(calls).toHaveLength(1);
      store.set({ loading: null });
      await vi.advanceTimersByTimeAsync(500);
      await vi.waitFor(() => expect(ocrState().phase).toBe('done'));
      expect(calls).toHaveLength(2);
      expect(ocrState().read.has(7)).toBe(true);
    });
  });
});
