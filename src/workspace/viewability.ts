// Decides up front which instances the viewer can try to show and says in plain words why the
// others cannot, so the viewport shows a message instead of a blank or a crash.

import type { InstanceInfo } from '../pipeline/scan-file.ts';

const VIDEO = /^1\.2\.840\.10008\.1\.2\.4\.(10[0-8])$/;

/** null when the instance can be tried, else the reason it is not shown. */
export function unviewableReason(info: InstanceInfo): string | null {
  if (!info.hasPixels) return 'This instance has no pixel data (for example a structured report, an RT plan or a presentation state).';
  if (VIDEO.test(info.transferSyntaxUID)) return `Video (${info.transferSyntaxName}) is not shown in this viewer; its header can still be inspected and exported.`;
  if (!info.rows || !info.columns) return 'The image has no Rows or Columns, so it cannot be drawn.';
  if (info.decodeRefusal) return `This image is not shown: ${info.decodeRefusal}.`;
  return null;
}
