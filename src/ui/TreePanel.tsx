// The loaded files as patient → study → series → instance, with the original values (this is
// the operator's own machine), counts and each file's status; refusals in plain words beside
// the file. Instances are listed for the selected series only, so 1,000 files stay light.

import { lazy, Suspense, useMemo } from 'react';
import { buildTree, type SeriesNode } from '../app/instance-tree.ts';
import type { LoadedFile } from '../app/loaded-file.ts';
import { formatBytes, formatDicomDate, formatPersonName } from '../app/format.ts';
import { selectFile, selectSeries, viewableBlob } from '../state/actions.ts';
import { useStore } from '../state/store.ts';
import { VirtualRows } from './VirtualRows.tsx';

const SeriesThumb = lazy(() => import('../viewer/SeriesThumb.tsx'));

function statusText(f: LoadedFile): { cls: string; text: string } {
  if (!f.scan) return { cls: 'pending', text: 'reading…' };
  if (f.scan.status === 'ok') return { cls: 'ok', text: f.scan.warnings.length ? `ready · ${f.scan.warnings.length} warning${f.scan.warnings.length === 1 ? '' : 's'}` : 'ready' };
  if (f.scan.status === 'refused') return { cls: 'refused', text: `refused: ${f.scan.error ?? 'no reason given'}` };
  return { cls: 'skipped', text: f.scan.error ?? 'skipped' };
}

/** Above this many instances the list is windowed (fixed row height) instead of fully rendered. */
const VIRTUAL_FROM = 150;
const INSTANCE_ROW = 42;

function InstanceButton({ f, selected, style }: { f: LoadedFile; selected: boolean; style?: React.CSSProperties }) {
  const info = f.scan!.info!;
  const st = statusText(f);
  return (
    <button type="button" data-testid="instance-item" data-file-id={f.id} className={selected ? 'instance selected' : 'instance'} onClick={() => selectFile(f.id)} title={f.name} style={style}>
      <span className="instance-no">{info.instanceNumber || '–'}</span>
      <span className="instance-name">{f.name.split('/').pop()}</span>
      <span className="instance-meta">{info.rows && info.columns ? `${info.columns}×${info.rows}` : 'no image'}{info.frames > 1 ? ` · ${info.frames} fr` : ''}</span>
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
  const files = useStore((s) => s.files);
  const version = useStore((s) => s.filesVersion);
  const selectedSeries = useStore((s) => s.selectedSeries);
  const selectedFile = useStore((s) => s.selectedFile);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const tree = useMemo(() => buildTree(files), [version]);

  if (files.length === 0) {
    return (
      <div className="empty-hint">
        <p>Drop DICOM files, folders or ZIP archives here, or use <b>Open files…</b>.</p>
        <p className="muted">Nothing leaves this computer: files are read and de-identified inside this browser tab.</p>
      </div>
    );
  }
  return (
    <div className="tree">
      {tree.patients.map((p) => (
        <section key={p.key} className="patient">
          <div className="patient-head">
            <span className="patient-name">{formatPersonName(p.name) || '(no name)'}</span>
            <span className="muted">ID {p.patientID || '—'}{p.birthDate ? ` · born ${formatDicomDate(p.birthDate)}` : ''}</span>
            <span className="count">{p.instances} file{p.instances === 1 ? '' : 's'}{p.refused ? ` · ${p.refused} refused` : ''}</span>
          </div>
          {p.studies.map((st) => (
            <div key={st.key} className="study">
              <div className="study-head">
                <span>{formatDicomDate(st.date) || 'no date'}</span>
                <span className="study-desc">{st.description || 'no description'}</span>
                <span className="count">{st.series.length} series</span>
              </div>
              {st.series.map((se) => (
                <div key={se.key}>
                  <button type="button" data-testid="series-item" className={se.key === selectedSeries ? 'series selected' : 'series'} onClick={() => selectSeries(se.key)}>
                    <Suspense fallback={<div className="thumb thumb-empty" />}>
                      <SeriesThumb file={se.files[0]} label={se.modality} viewableBlob={viewableBlob} />
                    </Suspense>
                    <span className="series-text">
                      <span className="series-title"><b>{se.modality || '??'}</b> {se.number ? `#${se.number}` : ''} {se.description}</span>
                      <span className="muted">
                        {se.files.length} instance{se.files.length === 1 ? '' : 's'}{se.frames > se.files.length ? ` · ${se.frames} frames` : ''}
                        {se.refused ? <span className="status refused"> · {se.refused} refused</span> : null}
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
          <div className="patient-head"><span className="patient-name">Other files</span><span className="count">{tree.others.length}</span></div>
          <ul className="instances">
            {tree.others.map((f) => {
              const st = statusText(f);
              return (
                <li key={f.id} className="other" data-testid="other-item">
                  <span className="instance-name" title={f.name}>{f.name}</span>
                  <span className="muted">{f.scan?.kind === 'dicomdir' ? 'DICOMDIR' : f.scan?.kind === 'not-dicom' ? 'not DICOM' : 'DICOM'} · {formatBytes(f.size)}</span>
                  <span className={`status ${st.cls}`}>{st.text}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {tree.pending > 0 && <p className="muted pad">{tree.pending} file{tree.pending === 1 ? '' : 's'} still being read…</p>}
    </div>
  );
}
