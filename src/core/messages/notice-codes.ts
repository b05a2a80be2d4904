// The names of the app's notices and export messages (the bar under the load buttons, the export
// panel, the release dialog, the viewport, the reading progress): codes `notice.<name>`, texts in
// src/i18n/locales/<lng>/messages.json (the `notice.` part of the `codes` namespace). Built with
// notice() (notice.ts); a foreign exception's text only ever goes in as an `error` detail.

export const NOTICE_NAMES = [
  // Loading: files, ZIP archives (src/state/collect-inputs.ts, src/archive/zip-limits.ts), the sample.
  'readingFiles', 'opening', 'zipEntryRefused', 'zipEntriesRefused', 'zipRefusedNamed', 'zipNotOpened',
  'zipEntries', 'zipDeclared', 'zipLies', 'zipTotal', 'zipOverlap', 'zipInvalidSize', 'sampleFailed', 'httpStatus', 'sentences',
  // Session: key, mapping, options, ultrasound regions, redaction templates.
  'keyImported', 'keyFailed', 'mappingImported', 'mappingFailed', 'datesExclusive', 'optionsRefused', 'noUsRegion', 'usRegionsFailed',
  'noTemplate', 'templateFailed', 'templateLoaded', 'templateNoMatch', 'noBoxToDelete', 'planFailed',
  // What is kept on this computer (src/state/persistence.ts) and for how long.
  'keepFailed', 'keptUnreadable', 'rememberOff', 'forgotten', 'forgottenCache', 'forgottenCaches', 'ttlWhole', 'ttlRange',
  // The workers.
  'workerFailed', 'workerNoStart', 'workerNoSession',
  // The export and the release of flagged files.
  'nothingToExport', 'noDestination', 'notStarted', 'flaggedWaitingOne', 'flaggedWaiting', 'doneOne', 'done',
  'doneFlaggedOne', 'doneFlagged', 'cancelled', 'archiveDiscarded', 'folderKept', 'failed',
  'operatorNeeded', 'reviewerNeeded', 'reviewerSame', 'noReason',
  'releasedOne', 'released', 'releasedReviewerOne', 'releasedReviewer',
  // A failed write of the export (src/state/output-targets.ts writeFailure): what, where, what was left.
  'writeFailure', 'writeQuota', 'writeNotAllowed', 'writeReadOnly', 'writeChanged', 'writeMoved', 'writeTypeMismatch',
  'writeSecurity', 'writeOther', 'writeUnknown', 'writeIntoArchive', 'writeArchiveEnd', 'writeArchiveLeft', 'writeFolderLeft',
  // A notice about one input: "<name>: <message>".
  'named',
  // OCR of the shown image or series (src/state/ocr-suggestions.ts).
  'ocrNoImage', 'ocrStarting', 'ocrReading', 'ocrFound', 'ocrFoundNone', 'ocrFailed', 'ocrCancelled', 'ocrModelUnreadable', 'ocrNoStart',
  // Slides (src/ui/SlidePanel.tsx).
  'slideEncodeFailed',
  // The viewer (src/workspace/viewability.ts, src/viewer).
  'viewNoPixels', 'viewDoubleFloat', 'viewVideo', 'viewNoRows', 'viewUnreadable', 'viewNothing', 'viewNotDecoded',
] as const;

export type NoticeName = (typeof NOTICE_NAMES)[number];
export type NoticeCode = `notice.${NoticeName}`;
export const NOTICE_CODES: readonly NoticeCode[] = NOTICE_NAMES.map((n): NoticeCode => `notice.${n}`);
