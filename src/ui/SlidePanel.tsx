// Teaching-slide export (issue 7): the shown image, or a batch — the images ticked in the tree,
// else every image of the shown series — as PNG or JPEG at the current window/level with the redaction boxes burned in, an optional caption
// drawn into a band under the image, and no metadata. The encoded file is stripped of every
// ancillary chunk / APPn segment and checked before it is offered; a batch goes into a stored ZIP.
// A slide keeps whatever text is burned into the pixels outside the boxes, so when an image it
// would show may carry burned-in text and is not reviewed yet, the panel asks first (review it,
// or save anyway) — as the export's review gate does (issue 11).

import type { Message } from '../core/messages/message.ts';
import { errorDetail, MessageError, notice } from '../core/messages/notice.ts';
import { useCodes } from '../i18n/messages.ts';
import { saveDownload } from '../state/save-download.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { boxesOnFrame, filesById } from '../workspace/redaction-boxes.ts';
import { SLIDES_ZIP_NAME, slideMime, slideName, slidesZip, type SlideFormat } from '../slides/slide-files.ts';
import { jpegProblems, stripJpeg } from '../slides/slide-jpeg.ts';
import { burnBoxes, slideScale, toRgba } from '../slides/slide-pixels.ts';
import { pngProblems, stripPng } from '../slides/slide-png.ts';
import type { ViewedSlideImage } from '../viewer/slide-source.ts';
import { buildTree } from '../workspace/instance-tree.ts';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import { unviewableReason } from '../workspace/viewability.ts';
import { viewableBlob } from '../state/actions.ts';
import { clearImageSelection, selectedImages, useImageSelection } from '../state/image-selection.ts';
import { startReview, unreviewed } from '../state/review.ts';
import { store, useStore } from '../state/store.ts';

const CAPTION_FONT = 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Draw the slide (enlarged without smoothing, caption band below) and encode it without metadata. */
async function encodeSlide(rgba: Uint8ClampedArray<ArrayBuffer>, width: number, height: number, caption: string, format: SlideFormat): Promise<Uint8Array> {
  const scale = slideScale(width, height);
  const band = caption ? Math.max(28, Math.round(width * scale * 0.07)) : 0;
  const image = document.createElement('canvas');
  image.width = width;
  image.height = height;
  image.getContext('2d')!.putImageData(new ImageData(rgba, width, height), 0, 0);
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale + band;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(image, 0, 0, width * scale, height * scale);
  if (caption) {
    ctx.fillStyle = '#fff';
    ctx.font = `${Math.round(band * 0.55)}px ${CAPTION_FONT}`;
    ctx.textBaseline = 'middle';
    const pad = Math.round(band * 0.3);
    let text = caption;
    while (text.length > 1 && ctx.measureText(text).width > canvas.width - 2 * pad) text = text.slice(0, -2) + '…';
    ctx.fillText(text, pad, height * scale + band / 2);
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, slideMime(format), 0.92));
  if (!blob) throw new MessageError(notice('slideEncodeFailed'));
  const raw = new Uint8Array(await blob.arrayBuffer());
  const clean = format === 'png' ? stripPng(raw) : stripJpeg(raw);
  const problems = format === 'png' ? pngProblems(clean) : jpegProblems(clean);
  if (problems.length) throw new Error(problems.join('; '));
  return clean;
}

const slideable = (f: LoadedFile): boolean => !!f.scan?.info && !f.refusal && unviewableReason(f.scan.info) === null;

/** The ticked images in tree order (patient, study, series, instance number), with their viewing copies. */
function tickedInTreeOrder(): { fileId: number; blob: () => Promise<Blob> }[] {
  const ticked = selectedImages();
  if (ticked.size === 0) return [];
  const tree = buildTree(store.get().files);
  return tree.patients.flatMap((p) => p.studies.flatMap((st) => st.series.flatMap((se) => se.files)))
    .filter((f) => ticked.has(f.id) && slideable(f))
    .map((f) => ({ fileId: f.id, blob: () => viewableBlob(f) }));
}

/** The images a save would show: the ticked ones (batch), else the shown series (batch) or the shown image. */
function slideFileIds(batch: boolean): number[] {
  const s = store.get();
  if (batch) {
    const ticked = tickedInTreeOrder();
    if (ticked.length) return ticked.map((x) => x.fileId);
    const series = buildTree(s.files).patients.flatMap((p) => p.studies.flatMap((st) => st.series)).find((se) => se.key === s.selectedSeries);
    return series ? series.files.map((f) => f.id) : [];
  }
  return s.selectedFile === null ? [] : [s.selectedFile];
}

/** How many images of the save are review candidates nobody reviewed yet. */
function unreviewedIn(batch: boolean): number {
  const ids = new Set(slideFileIds(batch));
  return unreviewed().filter((c) => ids.has(c.fileId)).length;
}

/** Render and save; returns the saved file's name and the slide count. */
async function exportSlides(caption: string, format: SlideFormat, batch: boolean): Promise<{ name: string; count: number } | null> {
  const source = await import('../viewer/slide-source.ts');
  const ticked = batch ? tickedInTreeOrder() : [];
  let images: ViewedSlideImage[];
  if (ticked.length) images = await source.slidesOf(ticked);
  else {
    const view = source.currentView();
    images = view ? (await source.slideImages(batch)).map((img) => ({ ...img, view })) : [];
  }
  if (images.length === 0) return null;
  const s = store.get();
  const byId = filesById(s.files);
  const slides: Uint8Array[] = [];
  for (const img of images) {
    const rgba = toRgba(img, img.view);
    burnBoxes(rgba, img.width, img.height, boxesOnFrame(s.boxes, byId, img.fileId, img.frame));
    slides.push(await encodeSlide(rgba, img.width, img.height, caption.trim(), format));
  }
  if (batch) {
    saveDownload(slidesZip(slides, format), SLIDES_ZIP_NAME, 'application/zip');
    return { name: SLIDES_ZIP_NAME, count: slides.length };
  }
  const name = slideName(1, format);
  saveDownload(slides[0]!, name, slideMime(format));
  return { name, count: 1 };
}

/**
 * The panel's status as data, rendered on each render so it follows a language switch: a text of
 * the slides namespace, its parameters, and for a failure the reason (our Message, or a foreign
 * exception's text).
 */
type SlideStatus =
  | { key: 'working' | 'noImage' }
  | { key: 'done'; name: string; count: number }
  | { key: 'failed'; reason: Message | string };

export function SlidePanel() {
  const { t } = useTranslation('slides');
  const c = useCodes();
  const shown = useStore((s) => s.selectedSeries !== null && s.selectedFile !== null);
  const [caption, setCaption] = useState('');
  const [format, setFormat] = useState<SlideFormat>('png');
  const [batch, setBatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<SlideStatus | null>(null);
  /** Unreviewed candidates among the images of the save, while the panel asks about them. */
  const [ask, setAsk] = useState(0);
  const ticked = useImageSelection();
  const files = useStore((s) => s.files);
  const tickedImages = useMemo(() => files.filter((f) => ticked.has(f.id) && slideable(f)).length, [files, ticked]);
  const run = async (anyway = false) => {
    const open = anyway ? 0 : unreviewedIn(batch);
    setAsk(open);
    if (open) return;
    setBusy(true);
    setStatus({ key: 'working' });
    try {
      const r = await exportSlides(caption, format, batch);
      setStatus(r ? { key: 'done', name: r.name, count: r.count } : { key: 'noImage' });
    } catch (err) {
      setStatus({ key: 'failed', reason: err instanceof MessageError ? err.problem : String(errorDetail(err)) });
    } finally {
      setBusy(false);
    }
  };
  const statusText = (s: SlideStatus): string => {
    if (s.key === 'done') return t('done', { name: s.name, count: s.count });
    if (s.key === 'failed') return t('failed', { reason: typeof s.reason === 'string' ? s.reason : c(s.reason) });
    return t(s.key);
  };
  return (
    <div className="side-section slides">
      <h2>{t('title')}</h2>
      <p className="muted small">{t('intro')}</p>
      <label className="field">
        <span className="small">{t('caption')}</span>
        <input type="text" data-testid="slide-caption" value={caption} maxLength={200} placeholder={t('captionPlaceholder')} onChange={(e) => setCaption(e.target.value)} />
      </label>
      <label className="field inline">
        <span className="small">{t('format')}</span>
        <select data-testid="slide-format" value={format} onChange={(e) => setFormat(e.target.value as SlideFormat)}>
          <option value="png">{t('png')}</option>
          <option value="jpeg">{t('jpeg')}</option>
        </select>
      </label>
      <label className="check small">
        <input type="checkbox" data-testid="slide-batch" checked={batch} onChange={(e) => setBatch(e.target.checked)} /> {t('batch')}
      </label>
      {batch && (
        <p className="muted small" data-testid="slide-batch-source" data-source={tickedImages ? 'selected' : 'series'}>
          {tickedImages ? t('batchSelected', { count: tickedImages }) : t('batchSeries')}
          {tickedImages > 0 && <> <button type="button" className="btn ghost small" data-testid="slide-clear-selection" onClick={clearImageSelection}>{t('clearSelection')}</button></>}
        </p>
      )}
      <div className="row wrap">
        <button type="button" className="btn" data-testid="slide-export" disabled={busy || (!shown && !(batch && tickedImages))} onClick={() => void run()}>
          {batch ? t('exportBatch') : t('export')}
        </button>
      </div>
      {ask > 0 && (
        <div className="slide-ask" role="alertdialog" aria-labelledby="slide-ask-text" data-testid="slide-review-ask">
          <p className="small" id="slide-ask-text">{t('askUnreviewed', { count: ask })}</p>
          <div className="row wrap">
            <button type="button" className="btn primary" data-testid="slide-review-first" onClick={() => { setAsk(0); startReview(); }}>{t('reviewFirst')}</button>
            <button type="button" className="btn" data-testid="slide-export-anyway" onClick={() => void run(true)}>{t('saveAnyway')}</button>
          </div>
        </div>
      )}
      {status && <p className="muted small" data-testid="slide-status" role="status">{statusText(status)}</p>}
    </div>
  );
}
