// The annotations (redaction boxes) the operator selected by clicking them in the viewer, for the
// Delete shortcut. Loaded lazily with the viewer, so the main bundle does not pull Cornerstone in.

import { annotation } from '@cornerstonejs/tools';

export function selectedAnnotationUIDs(): string[] {
  return annotation.selection.getAnnotationsSelected() ?? [];
}
