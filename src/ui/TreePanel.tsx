// The loaded files as patient → study → series → instance, with the original values (this is
// the operator's own machine), counts and each file's status; refusals in plain words beside
// the file. Instances are listed for the selected series only, so 1,000 files stay light.
// A checkbox per instance and per series ticks images for the teaching-slide batch
// (src/state/image-selection.ts); Shift+click on an instance's box ticks the range from the last one.

import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDicomDateLocale, formatNumber } from '../i18n/index.ts';
import { translateCode } from '../i18n/messages.ts';
import { buildTree, type SeriesNode } from '../workspace/instance-tree.ts';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import { formatBytes, formatPersonName } from '../workspace/format.ts';
import { selectFile, selectSeries, viewableBlob } from '../state/actions.ts';
import { useStore } from '../state/store.ts';
import { setImagesSelected, useImageSelection } from '../state/image-selection.ts';
import { VirtualRows } from './VirtualRows.tsx';

const SeriesThumb = lazy(() => import('../viewer/SeriesThumb.tsx'));

function statusText(t: TFunction<'app'>, f: LoadedFile): { cls: string; text: string } {
  if (!f.scan) return { cls: 'pending', text: t('tree.reading') };
  const w = f.scan.warnings.length;
  if (f.scan.status === 'ok') return { cls: 'ok', text: w ? (w === 1 ? t('tree.readyWarningOne') : t('tree.readyWarnings', { n: w })) : t('tree.ready') };
  if (f.scan.status === 'refused') return { cls: 'refused', text: t('tree.refused', { reason: f.scan.error ? translateCode(f.scan.error) : t('tree.noReason') }) };
  return { cls: 'skipped', text: f.scan.error ? translateCode(f.scan.error) : t('tree.skipped') };
}

/** Above this many instances the list is windowed (fixed row height) instead of fully rendered. */
const VIRTUAL_FROM = 150;
const INSTANCE_ROW = 42;

function InstanceButton({ f, selected }: { f: LoadedFile; selected: boolean }) {
  const { t } = useTranslation('app');
  const info = f.scan!.info!;
  const st = statusText(t, f);
  return (
    <button type="button" data-testid="instance-item" data-file-id={f.id} className={selected ? 'instance selected' : 'instance'} onClick={() => selectFile(f.id)} title={f.name} data-i18n-title="file-name">
      <span className="instance-no">{info.instanceNumber || '–'}</span>
      <span className="instance-name" data-i18n-skip="file-name">{f.name.split('/').pop()}</span>
      <span className="instance-meta">{info.rows && info.columns ? `${info.columns}×${info.rows}` : t('tree.noImage')}{info.frames > 1 ? ` · ${t('tree.frames', { n: info.frames })}` : ''}</span>
      <span className={`status ${st.cls}`}>{st.text}</span>
    </button>
  );
}

/** The last instance box ticked or unticked, the anchor of a Shift+click range. */
let rangeAnchor: number | null = null;

function InstanceRow({ series, index, selected, ticked, style }: { series: SeriesNode; index: number; selected: boolean; ticked: boolean; style?: React.CSSProperties }) {
  const { t } = useTranslation('app');
  const f = series.files[index];
  const onChange = (shift: boolean) => {
    const from = shift && rangeAnchor !== null ? series.files.findIndex((x) => x.id === rangeAnchor) : -1;
    if (from >= 0) setImagesSelected(series.files.slice(Math.min(from, index), Math.max(from, index) + 1).map((x) => x.id), !ticked);
    else setImagesSelected([f.id], !ticked);
    rangeAnchor = f.id;
  };
  return (
    <div className="instance-row" style={style}>
      <input
        type="checkbox" className="pick" data-testid="instance-select" data-file-id={f.id} checked={ticked}
        aria-label={t('tree.pickInstance', { n: f.scan?.info?.instanceNumber || index + 1 })}
        onChange={(e) => onChange((e.nativeEvent as MouseEvent).shiftKey === true)}
      />
      <InstanceButton f={f} selected={selected} />
    </div>
  );
}

function InstanceList({ series, selected }: { series: SeriesNode; selected: number | null }) {
  const ticked = useImageSelection();
  if (series.files.length >= VIRTUAL_FROM) {
    return (
      <VirtualRows
        className="instances-virtual"
        count={series.files.length}
        rowHeight={INSTANCE_ROW}
        resetKey={series.key}
        renderRow={(i, style) => <InstanceRow key={series.files[i].id} series={series} index={i} selected={series.files[i].id === selected} ticked={ticked.has(series.files[i].id)} style={style} />}
      />
    );
  }
  return (
    <ul className="instances">
      {series.files.map((f, i) => (
        <li key={f.id}>
          <InstanceRow series={series} index={i} selected={f.id === selected} ticked={ticked.has(f.id)} />
        </li>
      ))}
    </ul>
  );
}

/** Ticks every instance of a series (checked when all are, mixed when some are). */
function SeriesPick({ series }: { series: SeriesNode }) {
  const { t } = useTranslation('app');
  const ticked = useImageSelection();
  const ref = useRef<HTMLInputElement>(null);
  const n = series.files.filter((f) => ticked.has(f.id)).length;
  const all = n > 0 && n === series.files.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = n > 0 && !all;
  }, [n, all]);
  return (
    <input
      ref={ref} type="checkbox" className="pick" data-testid="series-select" checked={all}
      aria-label={t('tree.pickSeries', { n: series.files.length, number: series.number || '–' })}
      onChange={() => setImagesSelected(series.files.map((f) => f.id), !all)}
    />
  );
}

export function TreePanel() {
  const { t } = useTranslation('app');
  const files = useStore((s) => s.files);
  const version = useStore((s) => s.filesVersion);
  const selectedSeries = useStore((s) => s.selectedSeries);
  const selectedFile = useStore((s) => s.selectedFile);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const tree = useMemo(() => buildTree(files), [version]);

  if (files.length === 0) {
    return (
      <div className="empty-hint">
        <p><Trans t={t} i18nKey="tree.emptyDrop" components={{ b: <b /> }} /></p>
        <p className="muted">{t('tree.emptyPrivacy')}</p>
      </div>
    );
  }
  return (
    <div className="tree">
      {tree.patients.map((p) => (
        <section key={p.key} className="patient">
          <div className="patient-head">
            <span className="patient-name" data-i18n-skip="patient-name">{formatPersonName(p.name) || t('tree.noName')}</span>
            <span className="muted"><Trans t={t} i18nKey="tree.id" values={{ id: p.patientID || '—' }} components={{ v: <span data-i18n-skip="patient-id" /> }} />{p.birthDate ? ` · ${t('tree.born', { date: formatDicomDateLocale(p.birthDate) })}` : ''}</span>
            <span className="count">{p.instances === 1 ? t('tree.filesOne') : t('tree.files', { n: formatNumber(p.instances) })}{p.refused ? ` · ${t('tree.refusedCount', { n: p.refused })}` : ''}</span>
          </div>
          {p.studies.map((st) => (
            <div key={st.key} className="study">
              <div className="study-head">
                <span>{formatDicomDateLocale(st.date) || t('tree.noDate')}</span>
                <span className="study-desc" data-i18n-skip="description">{st.description || t('tree.noDescription')}</span>
                <span className="count">{t('tree.series', { n: st.series.length })}</span>
              </div>
              {st.series.map((se) => (
                <div key={se.key}>
                  <div className="series-row">
                    <SeriesPick series={se} />
                    <button type="button" data-testid="series-item" className={se.key === selectedSeries ? 'series selected' : 'series'} onClick={() => selectSeries(se.key)}>
                      <Suspense fallback={<div className="thumb thumb-empty" />}>
                        <SeriesThumb file={se.files[0]} label={se.modality} viewableBlob={viewableBlob} />
                      </Suspense>
                      <span className="series-text">
                        <span className="series-title" data-i18n-skip="series-description"><b>{se.modality || '??'}</b> {se.number ? `#${se.number}` : ''} {se.description}</span>
                        <span className="muted">
                          {se.files.length === 1 ? t('tree.instancesOne') : t('tree.instances', { n: formatNumber(se.files.length) })}{se.frames > se.files.length ? ` · ${t('tree.framesCount', { n: formatNumber(se.frames) })}` : ''}
                          {se.refused ? <span className="status refused"> · {t('tree.refusedCount', { n: se.refused })}</span> : null}
                        </span>
                      </span>
                    </button>
                  </div>
                  {se.key === selectedSeries && <InstanceList series={se} selected={selectedFile} />}
                </div>
              ))}
            </div>
          ))}
        </section>
      ))}
      {tree.others.length > 0 && (
        <section className="others">
          <div className="patient-head"><span className="patient-name">{t('tree.otherFiles')}</span><span className="count">{tree.others.length}</span></div>
          <ul className="instances">
            {tree.others.map((f) => {
              const st = statusText(t, f);
              return (
                <li key={f.id} className="other" data-testid="other-item">
                  <span className="instance-name" title={f.name} data-i18n-skip="file-name">{f.name}</span>
                  <span className="muted">{f.scan?.kind === 'dicomdir' ? 'DICOMDIR' : f.scan?.kind === 'not-dicom' ? t('tree.notDicom') : 'DICOM'} · {formatBytes(f.size)}</span>
                  <span className={`status ${st.cls}`}>{st.text}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {tree.pending > 0 && <p className="muted pad">{tree.pending === 1 ? t('tree.pendingOne') : t('tree.pending', { n: formatNumber(tree.pending) })}</p>}
    </div>
  );
}
