// The loaded files as patient → study → series → instance, with the original values (this is
// the operator's own machine), counts and each file's status; refusals in plain words beside
// the file. Instances are listed for the selected series only, so 1,000 files stay light.

import { lazy, Suspense, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDicomDateLocale, formatNumber } from '../i18n/index.ts';
import { translateMessage } from '../i18n/messages.ts';
import { buildTree, type SeriesNode } from '../app/instance-tree.ts';
import type { LoadedFile } from '../app/loaded-file.ts';
import { formatBytes, formatPersonName } from '../app/format.ts';
import { selectFile, selectSeries, viewableBlob } from '../state/actions.ts';
import { useStore } from '../state/store.ts';
import { VirtualRows } from './VirtualRows.tsx';

const SeriesThumb = lazy(() => import('../viewer/SeriesThumb.tsx'));

function statusText(t: TFunction<'app'>, f: LoadedFile): { cls: string; text: string } {
  if (!f.scan) return { cls: 'pending', text: t('tree.reading') };
  const w = f.scan.warnings.length;
  if (f.scan.status === 'ok') return { cls: 'ok', text: w ? (w === 1 ? t('tree.readyWarningOne') : t('tree.readyWarnings', { n: w })) : t('tree.ready') };
  if (f.scan.status === 'refused') return { cls: 'refused', text: t('tree.refused', { reason: translateMessage(f.scan.error ?? 'no reason given') }) };
  return { cls: 'skipped', text: f.scan.error ? translateMessage(f.scan.error) : t('tree.skipped') };
}

/** Above this many instances the list is windowed (fixed row height) instead of fully rendered. */
const VIRTUAL_FROM = 150;
const INSTANCE_ROW = 42;

function InstanceButton({ f, selected, style }: { f: LoadedFile; selected: boolean; style?: React.CSSProperties }) {
  const { t } = useTranslation('app');
  const info = f.scan!.info!;
  const st = statusText(t, f);
  return (
    <button type="button" data-testid="instance-item" data-file-id={f.id} className={selected ? 'instance selected' : 'instance'} onClick={() => selectFile(f.id)} title={f.name} data-i18n-title="file-name" style={style}>
      <span className="instance-no">{info.instanceNumber || '–'}</span>
      <span className="instance-name" data-i18n-skip="file-name">{f.name.split('/').pop()}</span>
      <span className="instance-meta">{info.rows && info.columns ? `${info.columns}×${info.rows}` : t('tree.noImage')}{info.frames > 1 ? ` · ${t('tree.frames', { n: info.frames })}` : ''}</span>
      <span className={`status ${st.cls}`}>{st.text}</span>
    </button>
  );
}

function InstanceList({ series, selected }: { series: SeriesNode; selected: number | null }) {
  if (series.files.length >= VIRTUAL_FROM) {
    return (
      <VirtualRows
        className="instances-virtual"
        count={series.files.length}
        rowHeight={INSTANCE_ROW}
        resetKey={series.key}
        renderRow={(i, style) => <InstanceButton key={series.files[i].id} f={series.files[i]} selected={series.files[i].id === selected} style={style} />}
      />
    );
  }
  return (
    <ul className="instances">
      {series.files.map((f) => (
        <li key={f.id}>
          <InstanceButton f={f} selected={f.id === selected} />
        </li>
      ))}
    </ul>
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
