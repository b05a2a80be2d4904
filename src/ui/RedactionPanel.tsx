// Redaction boxes of the selected image (issue 4): every box that applies to it, with its scope
// and a delete button; templates (save the device-template boxes, load a template file).

import { useMemo } from 'react';
import { boxesOnFrame, filesById, SCOPE_LABEL, type BoxScope } from '../app/redaction-boxes.ts';
import { keepUltrasoundRegions } from '../state/actions.ts';
import { loadTemplate, removeBox, saveTemplate, setBoxScope } from '../state/redaction.ts';
import { useStore } from '../state/store.ts';

export function RedactionPanel() {
  const files = useStore((s) => s.files);
  const boxes = useStore((s) => s.boxes);
  const selected = useStore((s) => s.selectedFile);
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
  return (
    <section className="redaction-panel" aria-label="Redaction boxes">
      <div className="redaction-head">
        <strong>Burned-in text</strong>
        <span className="muted"> {shown.length ? `${shown.length} box${shown.length === 1 ? '' : 'es'} on this image (blacked out on export)` : 'no boxes on this image'}</span>
        <span className="redaction-actions">
          {file?.scan?.info?.hasUsRegions && (
            <button type="button" data-testid="keep-us-regions" onClick={() => void keepUltrasoundRegions()}
              title="Black out everything outside the ultrasound regions the device declared">
              Keep only the ultrasound regions
            </button>
          )}
          <button type="button" data-testid="template-save" onClick={saveTemplate}>Save template</button>
          <label className="file-button">
            Load template
            <input type="file" accept=".json,application/json" data-testid="template-load" hidden
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) void loadTemplate(f);
              }} />
          </label>
        </span>
      </div>
      {shown.length > 0 && (
        <ul className="redaction-list">
          {shown.map((b) => (
            <li key={b.id} data-testid="redaction-box" data-box={JSON.stringify({ x: b.x, y: b.y, width: b.width, height: b.height, scope: b.scope })}>
              <span>{b.width} × {b.height} px at ({b.x}, {b.y}){b.fileId !== file?.id ? ' · from another image' : b.scope === 'frame' ? ` · frame ${b.frame + 1}` : ''}</span>
              <select aria-label="Applies to" value={b.scope} onChange={(e) => setBoxScope(b.id, e.currentTarget.value as BoxScope)}>
                {(Object.keys(SCOPE_LABEL) as BoxScope[]).map((s) => <option key={s} value={s}>{SCOPE_LABEL[s]}</option>)}
              </select>
              <button type="button" aria-label="Delete box" onClick={() => removeBox(b.id)}>Delete</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
