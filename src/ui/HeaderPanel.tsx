// Every attribute of the selected instance, nested sequence items included, with its original
// value, the action (X/Z/D/K/C/U), the result and the reason; filters for free text, actions and
// "identifying only"; sequences expand and collapse. Virtualised for very large headers.
// Attribute names stay DICOM keywords; in Chinese a translated name follows the keyword, and the
// reasons (Messages with plan.* codes) and action names are rendered in the UI language.

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action, PlanRow } from '../core/deid/plan.ts';
import { attributeNameZh } from '../i18n/attribute-names.zh-CN.ts';
import { formatNumber } from '../i18n/index.ts';
import { useCodes } from '../i18n/messages.ts';
import { hasChildren, isFiltering, visibleRows, type RowFilter } from '../workspace/plan-filter.ts';
import { useStore } from '../state/store.ts';
import { VirtualRows } from './VirtualRows.tsx';

const ACTIONS: Action[] = ['X', 'Z', 'D', 'K', 'C', 'U'];
const ROW_HEIGHT = 26;

function PlanSummary() {
  const { t } = useTranslation('app');
  const c = useCodes();
  const plan = useStore((s) => s.plan);
  const planError = useStore((s) => s.planError);
  const file = useStore((s) => s.files.find((f) => f.id === s.selectedFile));
  if (planError) return <div className="plan-summary refused" role="alert">{c(planError)}</div>;
  if (!plan || !file) return null;
  const r = plan.result;
  return (
    <div className={`plan-summary ${r.status}`}>
      <div className="plan-line">
        <span className="file-label" title={file.name} data-i18n-skip="file-name">{file.name}</span>
        {r.status === 'ok' ? (
          <span className="counts">
            {ACTIONS.map((a) => (
              <span key={a} className={`chip act-${a}`} title={t(`action.${a}`, { ns: 'plan' })}>{a} {formatNumber(r.counts[a])}</span>
            ))}
          </span>
        ) : (
          <span className="status refused">{t('export.statusLine', { status: t(`export.status.${r.status}`), error: r.error ? c(r.error) : '' })}</span>
        )}
      </div>
      {r.ids && (
        <div className="plan-line muted small">
          {t('header.becomes')} <b className="mono" data-i18n-skip="id">{r.ids.patientID}</b> · {t('header.study')} <span className="mono" data-i18n-skip="uid">{r.ids.studyInstanceUID}</span>
        </div>
      )}
      {r.warnings.length > 0 && (
        <details className="warnings">
          <summary>{r.warnings.length === 1 ? t('header.warningOne') : t('header.warnings', { n: r.warnings.length })}</summary>
          <ul>{r.warnings.map((w, i) => <li key={i}>{c(w)}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

export function HeaderPanel() {
  const { t, i18n } = useTranslation('app');
  const zh = i18n.language === 'zh-CN';
  const actionName = (a: Action) => t(`action.${a}`, { ns: 'plan' });
  const plan = useStore((s) => s.plan);
  const rows: PlanRow[] = plan?.result.rows ?? [];
  const [text, setText] = useState('');
  const [actions, setActions] = useState<Set<Action>>(new Set());
  const [identifyingOnly, setIdentifyingOnly] = useState(false);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const c = useCodes();
  const filter: RowFilter = useMemo(() => ({ text, actions, identifyingOnly, reasonText: c }), [text, actions, identifyingOnly, c, i18n.language]);
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
    const reason = c(r.reason);
    return (
      <div key={r.path} className={`hrow${r.identifying ? ' identifying' : ''}`} style={style} data-testid="header-row" role="row">
        <span role="cell" className="c-tag mono" data-i18n-skip="tag">{r.tag}</span>
        <span role="cell" className="c-kw" style={{ paddingLeft: 6 + r.depth * 14 }} title={r.path} data-i18n-title="path">
          {parent ? (
            <button type="button" className="twisty" aria-expanded={open} aria-label={`${open ? t('header.collapse') : t('header.expand')} ${r.keyword}`} onClick={() => toggleCollapsed(r.path)} disabled={filtering}>
              {open ? '▾' : '▸'}
            </button>
          ) : <span className="twisty-space" />}
          <span data-i18n-skip="dicom-keyword">{r.keyword}</span>
          {zh && attributeNameZh(r.keyword) && <span className="attr-name">{attributeNameZh(r.keyword)}</span>}
        </span>
        <span role="cell" className="c-vr mono" data-i18n-skip="vr">{r.vr}</span>
        <span role="cell" className="c-val" title={r.original} data-i18n-skip="value">{r.original}</span>
        <span role="cell" className={`c-act act-${r.action}`} title={actionName(r.action)}>{r.action}</span>
        <span role="cell" className="c-val" title={r.result ?? t('header.removed')} data-i18n-title="value">{r.result === null ? <i className="muted">{t('header.removed')}</i> : r.result === '' ? <i className="muted">{t('header.empty')}</i> : <span data-i18n-skip="value">{r.result}</span>}</span>
        <span role="cell" className="c-reason" title={reason}>{reason}</span>
      </div>
    );
  };

  return (
    <div className="header-panel">
      <PlanSummary />
      <div className="filters" role="search">
        <input type="search" placeholder={t('header.filterPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} aria-label={t('header.filterLabel')} />
        <span className="action-filters" role="group" aria-label={t('header.filterByAction')}>
          {ACTIONS.map((a) => (
            <button key={a} type="button" className={`chip act-${a}${actions.has(a) ? ' on' : ''}`} aria-pressed={actions.has(a)} title={actionName(a)} aria-label={`${a}: ${actionName(a)}`} onClick={() => toggleAction(a)}>{a}</button>
          ))}
        </span>
        <label className="check"><input type="checkbox" checked={identifyingOnly} onChange={(e) => setIdentifyingOnly(e.target.checked)} /> {t('header.identifyingOnly')}</label>
        <span className="spacer" />
        <span className="muted small" aria-label={t('header.shownLabel', { shown: shown.length, total: rows.length })}>{formatNumber(shown.length)} / {formatNumber(rows.length)}</span>
        <button type="button" className="btn small ghost" onClick={() => setCollapsed(new Set())} title={t('header.expandAll')}>{t('header.expand')}</button>
        <button type="button" className="btn small ghost" onClick={collapseAll} title={t('header.collapseAll')}>{t('header.collapse')}</button>
      </div>
      <div className="htable" role="table" aria-label={t('header.table')} aria-rowcount={shown.length + 1}>
      <div className="hrow hhead" role="row">
        <span className="c-tag" role="columnheader">{t('header.colTag')}</span><span className="c-kw" role="columnheader">{t('header.colAttribute')}</span><span className="c-vr" role="columnheader" title="VR">{t('header.colVr')}</span>
        <span className="c-val" role="columnheader">{t('header.colOriginal')}</span><span className="c-act" role="columnheader">{t('header.colAction')}</span><span className="c-val" role="columnheader">{t('header.colResult')}</span><span className="c-reason" role="columnheader">{t('header.colReason')}</span>
      </div>
      {rows.length === 0 ? (
        <div className="empty-hint small" role="row"><span role="cell">{plan ? t('header.noRows') : t('header.selectInstance')}</span></div>
      ) : (
        <VirtualRows className="hbody" count={shown.length} rowHeight={ROW_HEIGHT} renderRow={renderRow} resetKey={plan?.fileId} />
      )}
      </div>
    </div>
  );
}
