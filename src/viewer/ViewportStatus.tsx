// What sits over the viewport: the image position in the series (and the frame count of a
// multi-frame image), or the message that says why an image cannot be shown — in the UI language.

import { useTranslation } from 'react-i18next';
import { useMessages } from '../i18n/messages.ts';

export function ViewportStatus({ index, total, frames, message }: { index: number; total: number; frames: number; message: string | null }) {
  const { t } = useTranslation('app');
  const m = useMessages();
  if (message) return <div className="viewport-message" role="status">{m(message)}</div>;
  if (total <= 0) return null;
  return (
    <div className="viewport-overlay">
      {t('viewer.position', { index: index + 1, total })}
      {frames > 1 ? ` · ${t('viewer.frames', { n: frames })}` : ''}
    </div>
  );
}
