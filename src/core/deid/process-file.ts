// One file through the whole pipeline: sniff → read → plan/apply → write to a sink → the caller
// re-reads the written bytes (file-contract.ts) before keeping them. What the output claims
// about burned-in text (Burned In Annotation, code 113101) follows pixel-claim.ts. Failures become a
// result with a reason (a Message: what is wrong, where) instead of an exception, so a batch goes on.

import { auditRegions, type AuditRegion } from '../audit/events.ts';
import type { ByteSink } from '../io/byte-sink.ts';
import type { ByteSource } from '../io/byte-source.ts';
import { findElement } from '../dicom/dataset.ts';
import { DicomParseError } from '../dicom/parse-error.ts';
import { readPart10, type DicomFile } from '../dicom/reader.ts';
import { formatTag, PIXEL_DATA } from '../dicom/tag.ts';
import { transferSyntaxInfo } from '../dicom/transfer-syntax.ts';
import { writePart10 } from '../dicom/writer.ts';
import { deidentifyDataset, type DeidOptions, type DeidOutcome } from './deidentify.ts';
import type { SessionState } from './file-rules.ts';
import { emptyCounts, type ActionCounts } from './plan.ts';
import { MissingFromMappingError } from './pseudonymizer.ts';
import { sniffDicom } from './sniff.ts';
import { bytesElement, withElement } from '../dicom/dataset.ts';
import { tag } from '../dicom/tag.ts';
import { asciiBytes, asciiValue } from '../dicom/value-text.ts';
import { paletteFill } from '../pixels/palette-lut.ts';
import { boxesFor } from '../redaction/template.ts';
import { imageAttributes } from '../redaction/image-attributes.ts';
import { RedactionError, redactionProblem, redactNativePixels } from '../pixels/apply-redaction.ts';
import { redactEncapsulatedPixels, type EncapsulatedRedaction } from '../pixels/encapsulated-redactor.ts';
import { floatPixelElement, redactFloatPixels } from '../pixels/float-redactor.ts';
import type { FrameCodecs, ReencodeMode } from '../pixels/frame-codec.ts';
import type { DecodeLimits } from '../pixels/frame-bounds.ts';
import type { RedactionBox } from '../pixels/redaction-box.ts';
import { burnedInNotRedacted, burnedInRefused, saysBurnedIn, type BurnedInPolicy } from './burned-in.ts';
import { CLEAN_PIXEL_DATA_CODE, CLEAN_PIXEL_DATA_MEANING } from '../profile/options.ts';
import { msg, type Message } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import { pixelClaim, withBurnedInAnnotation } from './pixel-claim.ts';

const CLEAN_PIXEL_DATA = { code: CLEAN_PIXEL_DATA_CODE, meaning: CLEAN_PIXEL_DATA_MEANING };

/** The boxes for this image: drawn ones plus those of every matching template. */
function redactionFor(file: DicomFile, options: DeidOptions): { boxes: RedactionBox[]; templates: string[] } {
  const boxes = [...(options.redactionBoxes ?? [])];
  let templates: string[] = [];
  if (options.redactionTemplates && (findElement(file.dataset, PIXEL_DATA) || floatPixelElement(file.dataset))) {
    const hit = boxesFor(options.redactionTemplates, imageAttributes(file));
    boxes.push(...hit.boxes);
    templates = hit.templates;
  }
  return { boxes, templates };
}

/** The darkest palette entry of a native PALETTE COLOR image (its tables may be left in the source), else undefined. */
async function nativePaletteFill(file: DicomFile): Promise<number | undefined> {
  const pi = findElement(file.dataset, tag(0x0028, 0x0004));
  if (!pi || pi.value.kind !== 'bytes' || !asciiValue(pi.value.bytes).toUpperCase().startsWith('PALETTE COLOR')) return undefined;
  try {
    return await paletteFill(file, file.encoding.littleEndian);
  } catch (err) {
    throw new RedactionError(redactionProblem(err));
  }
}

/** DeidOptions plus how pixel data that must be decoded for redaction is handled. */
export interface ProcessOptions extends DeidOptions {
  /**
   * Image codecs (src/codecs) for redacting encapsulated pixel data. Without them, a file with
   * encapsulated pixel data and redaction boxes is refused, as core cannot decode it.
   */
  codecs?: FrameCodecs;
  /** How redacted encapsulated pixel data is written; default 'explicit-le'. */
  reencode?: ReencodeMode;
  /**
   * An image with Burned In Annotation YES that gets no redaction (burned-in.ts): 'warn' adds the
   * burned-in-not-redacted warning, 'refuse' refuses the file. Unset: neither (the app reviews).
   */
  burnedIn?: BurnedInPolicy;
  /** The memory budget of one decoded frame (bounded decoding, pixels/frame-bounds.ts). */
  decodeLimits?: DecodeLimits;
}

export interface FileResult {
  status: 'ok' | 'refused' | 'skipped';
  /** Why the file was refused or skipped; null when ok. */
  reason: Message | null;
  warnings: Message[];
  counts: ActionCounts;
  outcome?: DeidOutcome;
  /**
   * Pixel data layout of the output, for the re-read check: the input's, unless encapsulated pixel
   * data was decoded for redaction (then known in full once deidentifyFile has written it).
   */
  pixel?: PixelSignature;
  /** Transfer syntax of the output: the input's, unless encapsulated pixel data was decoded for redaction. */
  transferSyntaxUID?: string;
  /** Transfer syntax of the input, set only when it differs from the output's. */
  sourceTransferSyntaxUID?: string;
  bytesWritten?: number;
  /** Pixel redaction applied: how many boxes, and the names of the templates that matched (audit log). */
  redaction?: { boxes: number; templates: string[]; regions: AuditRegion[] };
}

export interface PixelSignature {
  kind: 'none' | 'native' | 'fragments';
  length: number;
  fragments: number;
}

export function pixelSignature(file: DicomFile): PixelSignature {
  const px = findElement(file.dataset, PIXEL_DATA);
  if (!px) return { kind: 'none', length: 0, fragments: 0 };
  const v = px.value;
  if (v.kind === 'fragments') return { kind: 'fragments', length: v.fragments.reduce((n, f) => n + f.length + (f.length & 1), 0), fragments: v.fragments.length };
  const n = v.kind === 'bytes' ? v.bytes.length : v.kind === 'bulk' ? v.range.length : 0;
  return { kind: 'native', length: n + (n & 1), fragments: 0 };
}

/** The pixel data signature of decoded-and-redacted output (re-encoded frames: as written so far). */
function framesSignature(r: EncapsulatedRedaction): PixelSignature {
  const v = r.frames;
  if (!v.encapsulated) {
    const n = v.frameCount * (v.frameLength ?? 0);
    return { kind: 'native', length: n + (n & 1), fragments: 0 };
  }
  // An empty Basic Offset Table, then one fragment per frame, each padded to even length.
  const length = r.writtenLengths.reduce((n, l) => n + l + (l & 1), 0);
  return { kind: 'fragments', length, fragments: v.frameCount + 1 };
}

/** The reason of a failure: the parser's (with its offset and element), the mapping's, the redaction's, or an unexpected error. */
export function describeError(err: unknown): Message {
  if (err instanceof DicomParseError) return msg('dicom-parse', { detail: err.problem, offset: err.offset, element: err.tag === undefined ? '' : formatTag(err.tag) });
  if (err instanceof MissingFromMappingError) return msg('mapping-missing');
  if (err instanceof RedactionError) return msg('redaction-failed', { detail: err.problem });
  if (err instanceof MessageError) return err.problem;
  return msg('internal-error', { detail: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
}

/** Read and de-identify without writing (the plan of `veil inspect`, dry runs, the app's header panel). */
export async function planFile(
  source: ByteSource, session: SessionState, options: ProcessOptions = {},
): Promise<FileResult & { file?: DicomFile; encapsulated?: EncapsulatedRedaction }> {
  const sniff = await sniffDicom(source);
  if (sniff.kind !== 'dicom') return { status: 'skipped', reason: sniff.reason, warnings: [], counts: emptyCounts() };
  try {
    const file = await readPart10(source);
    const { boxes, templates } = redactionFor(file, options);
    const redacted = boxes.length > 0 || options.confirmedClean === true;
    const burnedInLeft = options.burnedIn !== undefined && !redacted && saysBurnedIn(file);
    if (burnedInLeft && options.burnedIn === 'refuse') return { status: 'refused', reason: burnedInRefused(), warnings: file.warnings, counts: emptyCounts() };
    const claim = pixelClaim({ boxes: boxes.length, templates: templates.length, boxesReviewed: options.boxesReviewed, confirmedClean: options.confirmedClean });
    const extra = claim === 'clean' ? [...(options.extraMethodCodes ?? []), CLEAN_PIXEL_DATA] : options.extraMethodCodes;
    const outcome = deidentifyDataset(file, session, { ...options, extraMethodCodes: extra });
    let encapsulated: EncapsulatedRedaction | undefined;
    let pixel = pixelSignature(file);
    if (boxes.length > 0) {
      const px = findElement(outcome.dataset, PIXEL_DATA);
      if (px && px.value.kind === 'fragments' && options.codecs) {
        // Decoded, redacted and written natively (or re-encoded losslessly): the transfer syntax changes.
        encapsulated = await redactEncapsulatedPixels(file, outcome.dataset, boxes, options.codecs, { reencode: options.reencode, limits: options.decodeLimits });
        outcome.dataset = encapsulated.dataset;
        outcome.meta = withElement(outcome.meta, bytesElement(tag(0x0002, 0x0010), 'UI', asciiBytes(encapsulated.transferSyntaxUID, 0)));
        outcome.warnings.push(...encapsulated.warnings);
        pixel = framesSignature(encapsulated);
      } else if (!px && floatPixelElement(outcome.dataset)) outcome.dataset = await redactFloatPixels(file, outcome.dataset, boxes);
      else outcome.dataset = redactNativePixels(file, outcome.dataset, boxes, await nativePaletteFill(file));
      outcome.warnings.push(templates.length ? msg('pixels-redacted-templates', { count: boxes.length, templates: templates.join(', ') }) : msg('pixels-redacted', { count: boxes.length }));
    }
    if (burnedInLeft) outcome.warnings.push(burnedInNotRedacted());
    if (findElement(outcome.dataset, PIXEL_DATA) || floatPixelElement(outcome.dataset)) outcome.dataset = withBurnedInAnnotation(outcome.dataset, claim, options.burnedInCandidate === true);
    const transferSyntaxUID = encapsulated?.transferSyntaxUID ?? file.transferSyntaxUID;
    return {
      status: 'ok', reason: null, warnings: [...file.warnings, ...outcome.warnings], counts: outcome.counts, outcome, file, encapsulated,
      pixel, transferSyntaxUID, ...(transferSyntaxUID !== file.transferSyntaxUID ? { sourceTransferSyntaxUID: file.transferSyntaxUID } : {}),
      ...(boxes.length > 0 ? { redaction: { boxes: boxes.length, templates, regions: auditRegions(boxes) } } : {}),
    };
  } catch (err) {
    return { status: 'refused', reason: describeError(err), warnings: [], counts: emptyCounts() };
  }
}

/** De-identify one file into `sink`. On a refused or skipped file nothing is written. The result carries the parsed original. */
export async function deidentifyFile(
  source: ByteSource, sink: ByteSink, session: SessionState, options: ProcessOptions = {},
): Promise<FileResult & { file?: DicomFile }> {
  const r = await planFile(source, session, options);
  if (r.status !== 'ok' || !r.file || !r.outcome) {
    const { file: _f, encapsulated: _e, ...rest } = r;
    return rest;
  }
  const { file, outcome } = r;
  try {
    const ts = transferSyntaxInfo(r.transferSyntaxUID ?? file.transferSyntaxUID);
    // A data set read as implicit VR although its transfer syntax says explicit (a writer bug the reader
    // tolerates) is written as the transfer syntax says, so the output's file meta tells the truth.
    const encoding = ts.littleEndian === file.encoding.littleEndian ? { explicitVR: ts.explicitVR, littleEndian: ts.littleEndian } : file.encoding;
    const bytesWritten = await writePart10(
      { source: file.source, meta: outcome.meta, dataset: outcome.dataset, encoding, deflate: ts.deflated },
      sink,
    );
    // `file` (the parsed original) stays in the result: the leak gate needs it, and reading it again costs a parse.
    const { encapsulated, ...rest } = r;
    // Re-encoded frames: their lengths, hence the expected pixel data, are known now.
    return { ...rest, ...(encapsulated ? { pixel: framesSignature(encapsulated) } : {}), bytesWritten };
  } catch (err) {
    return { status: 'refused', reason: msg('write-failed', { detail: describeError(err) }), warnings: r.warnings, counts: r.counts };
  }
}
