// Decides up front which instances the viewer can try to show and says why the others cannot (a
// notice), so the viewport shows a message instead of a blank or a crash.

import type { Message } from '../core/messages/message.ts';
import { notice } from '../core/messages/notice.ts';
import type { InstanceInfo } from '../pipeline/scan-file.ts';

const VIDEO = /^1\.2\.840\.10008\.1\.2\.4\.(10[0-8])$/;

/** null when the instance can be tried, else the reason it is not shown. */
export function unviewableReason(info: InstanceInfo): Message | null {
  if (!info.hasPixels) return notice('viewNoPixels');
  if (info.doubleFloatOnly) return notice('viewDoubleFloat');
  if (VIDEO.test(info.transferSyntaxUID)) return notice('viewVideo', { name: info.transferSyntaxName });
  if (!info.rows || !info.columns) return notice('viewNoRows');
  if (info.decodeRefusal) return notice('viewNotDecoded', { reason: info.decodeRefusal });
  return null;
}
