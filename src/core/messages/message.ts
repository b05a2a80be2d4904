// A message for a person (a warning, a refusal reason, a flagged reason) as a code and its
// parameters, never as a sentence: the app renders it with i18next in the UI language
// (src/i18n/locales/<lng>/codes.json, one key per code) and the CLI with the same English
// catalogue (src/i18n/render-code.ts). Every code is listed in MESSAGE_CODES (the plan's reasons in
// plan-codes.ts, the app's notices in NOTICE_CODES of notice-codes.ts); a unit test fails on
// a code without an English and a Chinese text. capMessages is the one place where a file's
// warnings are de-duplicated and capped for reports and display.

import { NOTICE_CODES, type NoticeCode } from './notice-codes.ts';
import { PLAN_REASON_CODES } from './plan-codes.ts';

const CORE_CODES = [
  // The per-file contract (deid/file-contract.ts).
  'no-output', 'write-failed', 'output-write-fault', 'leak-value-masked', 'leak-value-emptied', 'duplicate-input', 'output-name-suffixed', 'output-path-taken', 'reread-failed', 'reread-unreadable', 'leak-flagged', 'leak-released', 'leak-where', 'and-more',
  'more-warnings', 'internal-error',
  // Re-read problems (deid/verify-output.ts).
  'reread-ts-changed', 'reread-media-uid', 'reread-sop-differs', 'reread-identity-removed', 'reread-pixels-changed',
  // Inputs that are skipped (deid/sniff.ts) or refused (deid/process-file.ts).
  // The project key and the mapping CSV, when they cannot be read (deid/project-key.ts, deid/pseudonymizer.ts).
  'key-not-a-key', 'key-too-short', 'mapping-empty', 'mapping-no-header', 'mapping-row-incomplete', 'mapping-row-twice',
  'not-dicom', 'not-dicom-short', 'dicomdir', 'dicom-parse', 'mapping-missing', 'redaction-failed',
  // Warnings written while de-identifying (deid/deidentify.ts, deid/profile-walker.ts, pixels/).
  'pixels-redacted', 'pixels-redacted-templates', 'pixels-decoded', 'pixels-photometric-changed', 'pixels-lossy-kept',
  'no-lossless-encoder', 'charset-converted-utf8', 'charset-kept-latin1', 'date-not-shifted',
  // Images with Burned In Annotation YES that no template redacts (deid/burned-in.ts): a warning, or a refusal.
  'burned-in-not-redacted', 'burned-in-refused',
  // Inputs refused by the app before reading, or lost to a failure (src/archive/zip-limits.ts, src/state).
  'zip-entry-refused', 'zip-archive-refused', 'zip-name-nul', 'zip-name-drive', 'zip-name-absolute', 'zip-name-dotdot', 'zip-entry-ratio',
  'file-unreadable', 'worker-failed-on-file',
  // CLI inputs that are not files (src/cli/inputs.ts).
  'input-not-regular-file', 'input-folder-unlisted', 'input-broken-link',
  // Where the leak gate found a value (deid/file-contract.ts placeOf).
  'leak-in-element', 'leak-at-offset', 'leak-at-inflated-offset', 'leak-in-path', 'leak-in-dicomdir-record',
  // Why the reader stops (src/core/dicom/parse-error.ts DicomParseError), and the parts of a file it reads.
  'parse-in-element', 'parse-truncated-read', 'parse-short-read', 'parse-too-deep', 'parse-item-no-delimiter', 'parse-header-past-item', 'parse-stray-sequence-delimiter', 'parse-stray-item-tag', 'parse-stray-item-past-file', 'parse-value-past-file', 'parse-value-past-item', 'parse-undefined-length-vr', 'parse-sequence-no-delimiter', 'parse-sequence-stray-bytes', 'parse-expected-item-or-delimiter', 'parse-expected-item', 'parse-item-past-file', 'parse-item-past-sequence', 'parse-not-dicom', 'parse-deflate-failed', 'parse-meta-no-dataset', 'parse-dataset-empty', 'parse-meta-element-past-file', 'parse-expected-pixel-item', 'parse-fragment-undefined-length', 'parse-fragment-past-file',
  'part-dicm-prefix', 'part-element-vr', 'part-element-header', 'part-element-tag', 'part-element-value', 'part-file-meta-element', 'part-first-data-set-element', 'part-first-element', 'part-item-length', 'part-item-tag', 'part-pixel-data-item-tag',
  // Notes of the character set decoder (src/core/charset).
  'charset-escape-malformed', 'charset-escape-unknown', 'charset-escape-undeclared', 'charset-invalid-sequence', 'charset-no-g1-escape', 'charset-shift-jis', 'charset-byte-undefined', 'charset-vendor-extension', 'charset-term-unknown', 'charset-term-unknown-ignored', 'charset-term-corrected', 'charset-no-extensions', 'charset-not-an-extension', 'charset-multibyte-first', 'charset-invalid-utf8', 'charset-invalid-gb', 'charset-default-high-bytes', 'charset-looks-utf8', 'charset-looks-gbk', 'charset-declared-none', 'charset-declared', 'charset-escapes-undeclared', 'charset-high-bytes-in-vr',
  // Notes of the reader on defects it reads past (src/core/dicom element-parser.ts, element-header.ts, reader.ts).
  'read-warnings-suppressed', 'read-trailing-bytes', 'read-trailing-zeros', 'read-redundant-item-delimiter', 'read-dataset-implicit', 'read-item-implicit', 'read-out-of-order', 'read-blank-vr', 'read-meta-implicit', 'read-ts-inferred', 'read-ts-unknown',
  // Defects the reader reads past, as pydicom does (src/core/dicom/read-warnings.ts).
  'invalid-vr-read', 'stray-item-tag-skipped', 'value-not-a-sequence', 'dicm-inside-data',
  // The CD layout: DICOMDIR read as an index or written (src/core/media/messages.ts).
  'dicomdir-used-as-index', 'dicomdir-file-missing', 'dicomdir-files-missing', 'dicomdir-unreadable', 'not-listable-on-media', 'media-missing-uids', 'media-unnamable',
  'not-a-dicomdir', 'dicomdir-no-records', 'dicomdir-records-unlinked',
  'file-id-empty', 'file-id-too-deep', 'file-id-bad-component', 'dicomdir-cannot-list', 'dicomdir-file-id-twice',
  // Rules an import of a CTP script or a deid recipe skips, and why (src/core/redaction).
  // A redaction template (JSON) that does not validate: where, and what is wrong (redaction/template.ts).
  'template-invalid', 'template-not-json', 'template-top-level', 'template-expected-object', 'template-expected-version',
  'template-expected-array', 'template-expected-string', 'template-expected-positive-integer', 'template-unknown-field',
  'template-expected-strings', 'template-needs-v2', 'template-expected-true', 'template-expected-number',
  'template-size-positive', 'template-expected-condition', 'template-stands-alone', 'template-expected-conditions',
  'template-expected-attribute', 'template-one-test', 'template-not-regex', 'template-unknown-test',
  'rules-unknown-format', 'rules-empty',
  'rule-no-region', 'rule-signature-unreadable', 'rule-unexpected', 'rule-paren-open', 'rule-condition-at', 'rule-condition-unreadable', 'rule-too-many-alternatives', 'rule-region-not-numbers', 'rule-method-unsupported', 'rule-region-from-header', 'rule-region-from-header-us', 'rule-coordinates-not-numbers', 'rule-flag-only', 'rule-problems', 'rule-signature-open', 'rule-region-open',
  // Why an image's frames are not decoded (src/core/pixels/frame-bounds.ts).
  'frame-over-budget', 'frame-cannot-expand', 'codestream-larger-than-declared',
  // Bits Allocated 1, float pixel data and palettes (pixels/bit-encapsulated.ts, bit-redactor.ts, float-redactor.ts, palette-lut.ts).
  'redaction-bits1-samples', 'redaction-bits1-samples-native', 'redaction-bits1-too-large', 'redaction-bits1-cannot-decode', 'redaction-bits1-frame-short', 'redaction-bits1-undecodable', 'redaction-no-float-pixel-data', 'float-pixel-module-incomplete', 'redaction-float-samples', 'redaction-float-not-plain', 'redaction-float-short', 'redaction-float-frame-cut', 'palette-segments-too-deep', 'palette-segment-truncated', 'palette-indirect-offset', 'palette-linear-no-start', 'palette-unknown-opcode', 'palette-incomplete', 'palette-empty', 'palette-too-large',
  // Why a frame does not decode in core's own codecs (pixels/rle.ts, pixels/core-codecs.ts).
  'rle-bits-unsupported', 'rle-too-many-segments', 'rle-frame-too-short', 'rle-segment-count', 'rle-segment-offset', 'rle-segment-short', 'rle-encode-short', 'frame-bytes-short',
  // Why a frame does not decode in the WASM codecs (src/codecs/codec-frames.ts, cornerstone-codecs.ts).
  'codec-failed', 'codec-wasm-exception', 'codec-sample-too-wide', 'codec-no-image', 'codec-size-differs', 'codec-components-differ', 'codec-unsupported', 'decoded-frame-short', 'jpeg-no-sof', 'jpeg-high-bit-colour',
  // A set of profile options that cannot be used (profile/options.ts validateOptions).
  'option-not-boolean', 'option-unknown', 'options-dates-exclusive',
  // Why pixel data cannot be redacted (pixels/apply-redaction.ts, encapsulated-redactor.ts, native-redactor.ts,
  // pixel-layout.ts), and why encapsulated frames cannot be found (pixels/encapsulated-frames.ts).
  'pixel-module-incomplete', 'redaction-no-pixel-data', 'redaction-not-decoded', 'redaction-not-encapsulated', 'redaction-pixels-short', 'redaction-bits-unsupported', 'redaction-syntax-bits-unsupported', 'redaction-chroma-420', 'redaction-chroma-422-layout', 'redaction-cannot-decode', 'redaction-frame', 'redaction-frame-undecodable', 'redaction-frame-short', 'redaction-subsampled-decoded', 'redaction-frame-photometric-differs', 'redaction-frame-unencodable', 'frames-no-offset-table-item', 'frames-no-fragments', 'frames-not-told-apart', 'fragment-cut-short',
] as const;

export type MessageCode = (typeof CORE_CODES)[number] | (typeof PLAN_REASON_CODES)[number] | NoticeCode;

export const MESSAGE_CODES: readonly MessageCode[] = [...CORE_CODES, ...PLAN_REASON_CODES, ...NOTICE_CODES];

/** A parameter: a number (formatted per language), a word or value, or nested messages (rendered and joined). */
export type MessageParam = string | number | Message | readonly Message[];

export interface Message {
  code: MessageCode;
  params: Record<string, MessageParam>;
}

export const msg = (code: MessageCode, params: Record<string, MessageParam> = {}): Message => ({ code, params });

const MAX_WARNINGS = 50;

const identity = (m: Message): string => JSON.stringify([m.code, m.params]);

/**
 * A file's warnings for a report or the screen: duplicates dropped, at most 50 kept, then one
 * 'more-warnings' message with how many were left out (n) and how many distinct ones there were.
 */
export function capMessages(list: readonly Message[]): Message[] {
  const seen = new Set<string>();
  const unique: Message[] = [];
  for (const m of list) {
    const k = identity(m);
    if (seen.has(k)) continue;
    seen.add(k);
    unique.push(m);
  }
  if (unique.length <= MAX_WARNINGS && unique.length === list.length) return unique;
  const kept = unique.slice(0, MAX_WARNINGS);
  return [...kept, msg('more-warnings', { n: list.length - kept.length, distinct: unique.length })];
}
