// The leak gate that cleans what it can: the gate (gate.ts) runs on the written output; each hit
// inside a kept text value (one the original held at the same place, kept or cleaned by the
// profile: K or C) is removed from that value — masked with "*" where the VR holds free
// text (LO, SH, ST, LT, UT, UC, PN), the value emptied where it cannot hold a mask (codes, numbers,
// dates, UIDs, AE titles: PS3.5 §6.2 character repertoires) — then the output is rewritten from
// its parsed form (the writer copies bulk values and pixel data from the output itself in
// slices, so a streamed output stays memory-flat) and checked again, until it is clean or nothing
// more can be cleaned. What cannot be cleaned stays a leak and flags the file: a hit in the
// output path, in a binary or bulk value (OB, OW, UN, …), in bytes outside every element, or in
// a value the de-identifier wrote itself (a pseudonym from a mapping that repeats the real name
// is the operator's mistake to see, not to hide).
// PS3.15 E.1.1: no identifying value of the original may remain in what is shared.

import { msg, type Message } from '../messages/message.ts';
import type { Element } from '../dicom/dataset.ts';
import { readPart10, type DicomFile } from '../dicom/reader.ts';
import { formatTag } from '../dicom/tag.ts';
import { DEFLATED_EXPLICIT_VR_LE } from '../dicom/transfer-syntax.ts';
import { writePart10 } from '../dicom/writer.ts';
import { MemorySink, type ByteSink } from '../io/byte-sink.ts';
import { MemorySource, type ByteSource } from '../io/byte-source.ts';
import type { ProfileOptions } from '../profile/options.ts';
import { collectIdentifyingValues, readablePath, type CandidateKind, type IdentifyingValues } from './candidates.ts';
import { checkPathForLeaks, type LeakGateResult } from './gate.ts';
import { scanForLeaks, type LocatedLeak, type ScanOptions } from './scan.ts';

/** VRs whose values hold free text, so a found value can be masked in place. */
const MASKABLE_VRS = new Set(['LO', 'SH', 'ST', 'LT', 'UT', 'UC', 'PN']);
/** String VRs with a restricted repertoire: a value holding a found value is emptied. */
const EMPTIABLE_VRS = new Set(['CS', 'AS', 'DS', 'IS', 'DA', 'TM', 'DT', 'AE', 'UI', 'UR']);
const MASK = 0x2a; // "*"
/** Rewrites before giving up (each pass cleans every located hit, so one pass is the rule). */
const MAX_PASSES = 4;

export interface CleanedValue {
  /** Readable path and tag of the attribute cleaned, e.g. "BodyPartExamined (0018,0015)". */
  attribute: string;
  /** The attribute of the original the value came from. */
  source: string;
  kind: CandidateKind;
  how: 'masked' | 'emptied';
}

/** Where a rewritten output goes: memory by default; a temporary file for a streamed output. */
export interface OutputStore {
  /** A new sink for one rewrite. */
  create(): Promise<ByteSink>;
  /** The finished rewrite as a source to read back (parse and scan again). */
  open(sink: ByteSink): Promise<ByteSource>;
}

export const memoryStore: OutputStore = {
  create: () => Promise.resolve(new MemorySink()),
  open: (sink) => Promise.resolve(new MemorySource((sink as MemorySink).bytes())),
};

export interface GateAndCleanOptions {
  scan?: Omit<ScanOptions, 'parsed'>;
  store?: OutputStore;
}

export interface GateAndCleanResult extends LeakGateResult {
  /** The rewritten output (null: the output given is kept as it is). */
  rewritten: { source: ByteSource; parsed: DicomFile; sink: ByteSink } | null;
  /** One entry per attribute cleaned (leaks left are in `leaks`). */
  cleaned: CleanedValue[];
  /** One warning per cleaned attribute, for the report. */
  warnings: Message[];
}

/** The warning of a cleaned attribute. */
export const leakValueCleaned = (p: { attribute: string; source: string; how: 'masked' | 'emptied' }): Message =>
  msg(p.how === 'masked' ? 'leak-value-masked' : 'leak-value-emptied', { attribute: p.attribute, source: p.source });

/**
 * Run the leak gate on an output and clean it. `output`: the written output and, when the caller
 * has it, its parsed form (parsed from that very source; cleaning changes its element values in
 * place); `outputPath`: relative to the output folder (null: no path check). Returns the leaks
 * left, the cleaned attributes and, when it rewrote the output, the new one (in
 * `options.store`, memory by default) with its parsed form.
 */
export async function gateAndClean(
  original: DicomFile,
  output: { source: ByteSource; parsed?: DicomFile },
  outputPath: string | null,
  profile: ProfileOptions,
  options: GateAndCleanOptions = {},
): Promise<GateAndCleanResult> {
  const t0 = now();
  const store = options.store ?? memoryStore;
  const values = collectIdentifyingValues(original, profile);
  const pathLeaks = outputPath === null ? [] : checkPathForLeaks(outputPath, values);
  let source = output.source;
  let parsed = output.parsed ?? (await readPart10(source).catch(() => undefined)); // unparseable: scanned as bytes, nothing cleaned
  let rewritten: GateAndCleanResult['rewritten'] = null;
  const cleaned = new Map<string, CleanedValue>();
  for (let pass = 0; ; pass++) {
    const scan = await scanForLeaks(source, values, { ...options.scan, parsed });
    const fixes = pass < MAX_PASSES && parsed ? cleanable(scan.located, values.leaves) : [];
    if (fixes.length === 0) {
      const cleanedList = [...cleaned.values()];
      return {
        ...scan, leaks: [...scan.leaks, ...pathLeaks], rewritten, cleaned: cleanedList, warnings: cleanedList.map(leakValueCleaned),
        ms: Math.round((now() - t0) * 100) / 100,
      };
    }
    for (const { element, hits, parents } of fixes) {
      const how = apply(element, hits);
      const attribute = readablePath(parents, element.tag);
      for (const h of hits) {
        const key = `${attribute}\u0000${h.candidate.source}`;
        if (!cleaned.has(key)) cleaned.set(key, { attribute, source: h.candidate.source, kind: h.candidate.kind, how });
      }
    }
    const file = parsed!;
    const sink = await store.create();
    await writePart10(
      { source: file.source, meta: file.meta, dataset: file.dataset, encoding: file.encoding, deflate: file.transferSyntaxUID === DEFLATED_EXPLICIT_VR_LE },
      sink,
    );
    source = await store.open(sink);
    parsed = await readPart10(source);
    rewritten = { source, parsed, sink };
  }
}

interface Fix {
  element: Element;
  parents: string[];
  hits: LocatedLeak[];
}

/** The located hits grouped by element, only those in kept values that can be cleaned. */
function cleanable(located: readonly LocatedLeak[], leaves: IdentifyingValues['leaves']): Fix[] {
  const byElement = new Map<Element, Fix>();
  for (const h of located) {
    const el = h.leaf.element;
    if (el.value.kind !== 'bytes' || !(MASKABLE_VRS.has(el.vr) || EMPTIABLE_VRS.has(el.vr))) continue;
    const orig = leaves.get(h.leaf.key);
    if (!orig || orig.element.tag !== el.tag || (orig.action !== 'K' && orig.action !== 'C')) continue;
    let f = byElement.get(el);
    if (!f) byElement.set(el, (f = { element: el, parents: h.leaf.parents, hits: [] }));
    f.hits.push(h);
  }
  return [...byElement.values()];
}

/** Mask the hits in a text value (new bytes, same length), or empty a value that cannot hold a mask. */
function apply(el: Element, hits: readonly LocatedLeak[]): 'masked' | 'emptied' {
  if (el.value.kind !== 'bytes') throw new Error(`cannot clean ${formatTag(el.tag)}: not an inline value`);
  if (!MASKABLE_VRS.has(el.vr)) {
    el.value = { kind: 'bytes', bytes: new Uint8Array(0) };
    return 'emptied';
  }
  const bytes = Uint8Array.from(el.value.bytes);
  // The value's bytes end where the leaf ends (after the element header).
  const valueStart = hits[0].leaf.end - bytes.length;
  for (const h of hits) {
    const from = Math.max(0, h.offset - valueStart);
    const to = Math.min(bytes.length, h.offset + h.length - valueStart);
    bytes.fill(MASK, from, to);
  }
  el.value = { kind: 'bytes', bytes };
  return 'masked';
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
