// Redaction boxes of the selected image (issue 4): every box that applies to it, with its scope
// and a delete button; templates (save the device-template boxes, load a template file; templates
// in use also apply to images loaded later); then the OCR assist and review mode panels. All but
// the review panel scroll above it (styles.css), so the review buttons stay in view.

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodes } from '../i18n/messages.ts';
import { boxesOnFrame, filesById, type BoxScope } from '../workspace/redaction-boxes.ts';
import { keepUltrasoundRegions } from '../state/actions.ts';
import { loadTemplate, removeBox, saveTemplate, setBoxScope, stopTemplates, useTemplatesInUse } from '../state/redaction.ts';
import { useStore } from '../state/store.ts';
import { OcrPanel } from './OcrPanel.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';

const SCOPES: BoxScope[] = ['frame', 'instance', 'series', 'device'];

/** Notes inside the compact redaction panel: no paragraph margins. */
const TIGHT = { margin: '2px 0' } as const;

export function RedactionPanel() {
  const { t } = useTranslation('redaction');
  const c = useCodes();
  const files = useStore((s) => s.files);
  const boxes = useStore((s) => s.boxes);
  const selected = useStore((s) => s.selectedFile);
  const inUse = useTemplatesInUse();
  const byId = useMemo(() => filesById(files), [files]);
  const file = selected === null ? undefined : byId.get(selected);
  // Every box on any frame of the selected image.
  const shown = useMemo(() => {
    if (!file) return [];
    const frames = file.scan?.info?.frames ?? 1;
    const seen = new Map<string, (typeof boxes)[number]>();
    for (let fr = 0; fr < frames; fr++) for (const b of boxesOnFrame(boxes, byId, file.id, fr)) seen.set(b.id, b);
    return [...seen.values()];
  }, [boxes, byId, file]);
  const names = inUse.flatMap((a) => a.file.templates.map((x) => x.name));
  return (
    <section className="redaction-panel" aria-label={t('panelLabel')}>
      <div className="redaction-scroll">
      <div className="redaction-head">
        <strong>{t('title')}</strong>
        <span className="muted"> {shown.length ? t('boxCount', { count: shown.length }) : t('noBoxes')}</span>
        <span className="redaction-actions">
          {file?.scan?.info?.hasUsRegions && (
            <button type="button" data-testid="keep-us-regions" onClick={() => void keepUltrasoundRegions()} title={t('keepUsRegionsHint')}>
              {t('keepUsRegions')}
            </button>
          )}
          <button type="button" data-testid="template-save" onClick={saveTemplate}>{t('template.save')}</button>
          <label className="file-button">
            {t('template.load')}
            <input type="file" data-testid="template-load" hidden
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) void loadTemplate(f);
              }} />
          </label>
        </span>
      </div>
      {names.length > 0 && (
        <p className="muted" style={TIGHT} data-testid="templates-in-use">
          {t('template.inUse', { names: names.join(', ') })}{' '}
          <button type="button" onClick={stopTemplates}>{t('template.stop')}</button>
        </p>
      )}
      {inUse.filter((a) => a.imported).map((a) => (
        <details key={a.prefix} className="template-import" data-testid="template-import" data-skipped={a.imported!.skipped.length}>
          <summary className="muted">
            {t('template.imported', { name: a.imported!.name, format: t(`template.format.${a.imported!.format}`), count: a.file.templates.length })}
            {' · '}{t('template.skippedCount', { count: a.imported!.skipped.length })}
          </summary>
          <ul className="template-skipped">
            {a.imported!.skipped.map((k, i) => <li key={i} data-testid="template-skipped">{t('template.skippedRule', { rule: k.rule, reason: c(k.reason) })}</li>)}
          </ul>
        </details>
      ))}
      {shown.length > 0 && (
        <ul className="redaction-list">
          {shown.map((b) => (
            <li key={b.id} data-testid="redaction-box" data-box={JSON.stringify({ x: b.x, y: b.y, width: b.width, height: b.height, scope: b.scope })}>
              <span>
                {t('boxAt', { width: b.width, height: b.height, x: b.x, y: b.y })}
                {b.fileId !== file?.id ? ` · ${t('fromOtherImage')}` : b.scope === 'frame' ? ` · ${t('onFrame', { frame: b.frame + 1 })}` : ''}
              </span>
              <select aria-label={t('appliesTo')} value={b.scope} onChange={(e) => setBoxScope(b.id, e.currentTarget.value as BoxScope)}>
                {SCOPES.map((s) => <option key={s} value={s}>{t(`scope.${s}`)}</option>)}
              </select>
              <button type="button" aria-label={t('deleteBox')} onClick={() => removeBox(b.id)}>{t('delete')}</button>
            </li>
          ))}
        </ul>
      )}
      <OcrPanel />
      </div>
      <ReviewPanel />
    </section>
  );
}
