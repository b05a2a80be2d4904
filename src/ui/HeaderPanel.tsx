// Every attribute of the selected instance, nested sequence items included, with its original
// value, the action (X/Z/D/K/C/U), the result and the reason; filters for free text, actions and
// "identifying only"; sequences expand and collapse. Virtualised for very large headers.

import { useMemo, useState } from 'react';
import { ACTION_NAMES, type Action, type PlanRow } from '../core/deid/plan.ts';
import { hasChildren, isFiltering, visibleRows, type RowFilter } from '../app/plan-filter.ts';
import { useStore } from '../state/store.ts';
import { VirtualRows } from './VirtualRows.tsx';

const ACTIONS: Action[] = ['X', 'Z', 'D', 'K', 'C', 'U'];
const ROW_HEIGHT = 26;

function PlanSummary() {
  const plan = useStore((s) => s.plan);
  const planError = useStore((s) => s.planError);
  const file = useStore((s) => s.files.find((f) => f.id === s.selectedFile));
  if (planError) return <div className="plan-summary refused">The plan could not be made: {planError}</div>;
  if (!plan || !file) return null;
  const r = plan.result;
  return (
    <div className={`plan-summary ${r.status}`}>
      <div className="plan-line">
        <span className="file-label" title={file.name}>{file.name}</span>
        {r.status === 'ok' ? (
          <span className="counts">
            {ACTIONS.map((a) => (
              <span key={a} className={`chip act-${a}`} title={ACTION_NAMES[a]}>{a} {r.counts[a]}</span>
            ))}
          </span>
        ) : (
          <span className="status refused">{r.status}: {r.error}</span>
        )}
      </div>
      {r.ids && (
        <div className="plan-line muted small">
          becomes <b className="mono">{r.ids.patientID}</b> · study <span className="mono">{r.ids.studyInstanceUID}</span>
        </div>
      )}
      {r.warnings.length > 0 && (
        <details className="warnings">
          <summary>{r.warnings.length} warning{r.warnings.length === 1 ? '' : 's'}</summary>
          <ul>{r.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

export function HeaderPanel() {
  const plan = useStore((s) => s.plan);
  const rows: PlanRow[] = plan?.result.rows ?? [];
  const [text, setText] = useState('');
  const [actions, setActions] = useState<Set<Action>>(new Set());
  const [identifyingOnly, setIdentifyingOnly] = useState(false);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const filter: RowFilter = useMemo(() => ({ text, actions, identifyingOnly }), [text, actions, identifyingOnly]);
  const shown = useMemo(() => visibleRows(rows, filter, collapsed), [rows, filter, collapsed]);
  const filtering = isFiltering(filter);

  const toggleAction = (a: Action) => setActions((s) => {
    const n = new Set(s);
    if (n.has(a)) n.delete(a);
    else n.add(a);
    return n;
  });
  const toggleCollapsed = (path: string) => setCollapsed((s) => {
    const n = new Set(s);
    if (n.has(path)) n.delete(path);
    else n.add(path);
    return n;
  });
  const collapseAll = () => setCollapsed(new Set(rows.filter((_, i) => hasChildren(rows, i)).map((r) => r.path)));

  const renderRow = (i: number, style: React.CSSProperties) => {
    const idx = shown[i];
    const r = rows[idx];
    const parent = hasChildren(rows, idx);
    const open = !collapsed.has(r.path) || filtering;
    return (
      <div key={r.path} className={`hrow${r.identifying ? ' identifying' : ''}`} style={style} data-testid="header-row" role="row">
        <span className="c-tag mono">{r.tag}</span>
        <span className="c-kw" style={{ paddingLeft: 6 + r.depth * 14 }} title={r.path}>
          {parent ? (
            <button type="button" className="twisty" aria-expanded={open} aria-label={open ? 'Collapse' : 'Expand'} onClick={() => toggleCollapsed(r.path)} disabled={filtering}>
              {open ? '▾' : '▸'}
            </button>
          ) : <span className="twisty-space" />}
          {r.keyword}
        </span>
        <span className="c-vr mono">{r.vr}</span>
        <span className="c-val" title={r.original}>{r.original}</span>
        <span className={`c-act act-${r.action}`} title={ACTION_NAMES[r.action]}>{r.action}</span>
        <span className="c-val" title={r.result ?? 'removed'}>{r.result === null ? <i className="muted">removed</i> : r.result === '' ? <i className="muted">empty</i> : r.result}</span>
        <span className="c-reason" title={r.reason}>{r.reason}</span>
      </div>
    );
  };

  return (
    <div className="header-panel">
      <PlanSummary />
      <div className="filters" role="search">
        <input type="search" placeholder="Filter: tag, keyword, value, reason…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Filter attributes" />
        <span className="action-filters" role="group" aria-label="Filter by action">
          {ACTIONS.map((a) => (
            <button key={a} type="button" className={`chip act-${a}${actions.has(a) ? ' on' : ''}`} aria-pressed={actions.has(a)} title={ACTION_NAMES[a]} onClick={() => toggleAction(a)}>{a}</button>
          ))}
        </span>
        <label className="check"><input type="checkbox" checked={identifyingOnly} onChange={(e) => setIdentifyingOnly(e.target.checked)} /> identifying only</label>
        <span className="spacer" />
        <span className="muted small">{shown.length} / {rows.length}</span>
        <button type="button" className="btn small ghost" onClick={() => setCollapsed(new Set())}>Expand</button>
        <button type="button" className="btn small ghost" onClick={collapseAll}>Collapse</button>
      </div>
      <div className="hrow hhead" role="row">
        <span className="c-tag">Tag</span><span className="c-kw">Attribute</span><span className="c-vr">VR</span>
        <span className="c-val">Original</span><span className="c-act">Act</span><span className="c-val">Result</span><span className="c-reason">Reason</span>
      </div>
      {rows.length === 0 ? (
        <div className="empty-hint small">{plan ? 'No attributes to show.' : 'Select an instance to see its header and what will happen to each attribute.'}</div>
      ) : (
        <VirtualRows className="hbody" count={shown.length} rowHeight={ROW_HEIGHT} renderRow={renderRow} resetKey={plan?.fileId} />
      )}
    </div>
  );
}
