// What sits over the viewport: the image position in the series (and the frame count of a
// multi-frame image) with the window readout, a notice when the picture shows (almost) one grey,
// or the message that says why an image cannot be shown — opaque, so no earlier image shows
// through — in the UI language.

import { useTranslation } from 'react-i18next';
import type { Message } from '../core/messages/message.ts';
import { useCodes } from '../i18n/messages.ts';
import type { ViewerText } from './load-failure.ts';
import type { AppliedWindow } from './window-control.ts';

/** A notice (src/workspace/viewability.ts) or an app.json key with its values (load-failure.ts). */
export type ViewerMessage = Message | ViewerText;

export interface WindowReadout {
  width: number;
  center: number;
  source: AppliedWindow['source'];
}

const round = (n: number): string => (Math.abs(n) >= 100 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));

export function ViewportStatus(p: { index: number; total: number; frames: number; message: ViewerMessage | null; messageFile?: number; notice: ViewerText | null; readout: WindowReadout | null }) {
  const { t } = useTranslation('app');
  const c = useCodes();
  if (p.message) {
    return (
      <div className="viewport-message" role="status" data-testid="viewport-message" data-file-id={p.messageFile}>
        {'code' in p.message ? c(p.message) : t(p.message.key, p.message.params ?? {})}
      </div>
    );
  }
  return (
    <>
      {p.notice && <div className="viewport-notice" role="status" data-testid="viewport-notice">{t(p.notice.key, p.notice.params ?? {})}</div>}
      {p.total > 0 && (
        <div className="viewport-overlay">
          {t('viewer.position', { index: p.index + 1, total: p.total })}
          {p.frames > 1 ? ` · ${t('viewer.frames', { n: p.frames })}` : ''}
        </div>
      )}
      {p.readout && (
        <div className="viewport-readout" data-testid="wl-readout" data-source={p.readout.source}>
          {t('viewer.readout', { width: round(p.readout.width), center: round(p.readout.center) })} · {t(`viewer.source.${p.readout.source}`)}
        </div>
      )}
    </>
  );
}
