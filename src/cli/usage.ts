// Help texts of the `veil` command and its subcommands.

import { profileFlagHelp } from './args.ts';

export const MAIN_HELP = `veil — DICOM de-identification (DICOM PS3.15 Annex E, Basic Application Level Confidentiality Profile)

Usage:
  veil anonymize <file-or-folder>... --out DIR [options]   de-identify files into DIR
  veil inspect <file> [--json] [--key FILE] [options]      show what would happen to each attribute
  veil verify-audit KEEP --out DIR                          check a run's audit log and its outputs in DIR
  veil --help | veil <command> --help
  veil --version

Run "veil anonymize --help" for the options.
`;

export function anonymizeHelp(): string {
  return `Usage: veil anonymize <file-or-folder>... --out DIR [options]

De-identifies DICOM files. Folders are read recursively. Originals are opened read-only and never
modified; each output is written to a temporary file, re-read and checked, then renamed into
place, so there is never a partial output. Files that are not DICOM, and DICOMDIR files, are
skipped; files that cannot be de-identified safely are refused and get no output.

Leak gate: every output, and its path under DIR, is searched for the identifying values of its
original (names and their parts and orders, IDs, dates in written forms, original UIDs,
addresses, institution and device names, removed free text), in every character set that can
occur, wherever they were copied to. A hit inside a kept text value is cleaned (masked, or the
value emptied in a code, date or UID), the output rewritten and searched again, with a warning
naming the attribute. A hit that cannot be cleaned (in the output path, in a binary value) flags
the file: it gets no output (status "flagged" in the report, with the attribute each value came
from, where it was found, and a keyed digest of the value, never the value). A value the output keeps unchanged in the attribute it came
from, where the profile keeps that attribute, is not a leak (codes, numbers, manufacturer text).

Options:
  --out DIR          Output folder (required): the shareable bundle. It holds de-identified
                     DICOM only, and the run fails if anything else is found there at the end.
                     It must not be, or be inside, an input folder. Outputs are named
                     <pseudonym>/<study>/<series>/<instance>.dcm by the new Patient ID and UIDs,
                     never by an original file or folder name. Files of the same name already
                     in DIR are replaced.
  --keep-paths       Mirror the input paths instead (relative to each input folder; a single
                     file goes to DIR/<its name>). The leak gate checks these paths too: a file
                     whose path holds an identifying value of the original is flagged.
  --rename           Accepted and ignored: naming by new UIDs is the default.
  --keep KEEP        The private folder (default: DIR.private, beside DIR): the mapping files,
                     the report and the audit log, which re-identify patients. Created readable
                     by you only (mode 0700); never inside DIR, and DIR never inside it. Later
                     runs into DIR read and extend the mapping files and the log found there.
                     No input is lost to a name clash: an input byte-identical to one that has
                     the output gets status "duplicate" (no output; the report names the first
                     input); another input with the same output name (the same SOP Instance UID)
                     gets the name with a suffix (<name>_2.dcm, _3, …) and a warning.
  --dicomdir         Write a CD/USB File-set: outputs named with PS3.10 file IDs
                     (DICOM/P…/S…/SE…/…, no extension, names derived from the new identifiers
                     only) and a DICOMDIR in DIR listing exactly the files written (the one
                     non-DICOM-output file DIR may hold). DIR must not already hold a DICOMDIR;
                     not with --keep-paths; a second input with an output name already taken is
                     refused (no suffix). A DICOMDIR among the inputs is always read to find the
                     files it references, and never copied.
  --key FILE         The project key. Created with a new random key when FILE does not exist
                     (and its folder, private, when that does not exist either).
                     Without --key, the key in your config folder is used (created on first use):
                     $XDG_CONFIG_HOME/veil/key or ~/.config/veil/key (%APPDATA%\\veil\\key on Windows).
                     The same key gives the same pseudonyms, UIDs and date shifts in every run, so
                     an archive can be processed in parts. Keep it secret and keep a copy.
  --mapping CSV      Take the new Patient IDs (and names) from CSV: a header row with id_old and
                     id_new columns (optional: new_name). A patient missing from it is refused.
  --report FILE      Write the JSON report (one entry per input file) to FILE instead of
                     KEEP/report.json. FILE must not be inside DIR.
  --jobs N           Files processed in parallel: the main thread and N − 1 worker threads (default:
                     up to the number of processors, a worker added only when the batch is large
                     enough to repay its start).
  --redact FILE      Redaction template (JSON, format version 1 or 2): boxes in image pixels applied
                     to every frame of every image whose Modality / Manufacturer / model / Rows /
                     Columns match (version 2: conditions on any attribute). A CTP
                     DicomPixelAnonymizer.script or a pydicom deid recipe is read as it is;
                     each rule it skips is listed on stderr and in the report. Redacted images get Burned In Annotation NO and code 113101.
                     An image that cannot be redacted is refused, never written unredacted.
  --require-clean-pixels
                     Refuse (status "refused") every image whose Burned In Annotation (0028,0301)
                     is YES and that no --redact template covers, for pipelines that must never
                     release such pixels (errorCode "burned-in-refused"). Without it such an image
                     is written as it is, with the warning code "burned-in-not-redacted" in the
                     report (warningCodes).
  --reencode         Compressed images that are redacted are decoded, redacted and written as
                     Explicit VR Little Endian by default; with --reencode they are re-encoded
                     losslessly in their own family where an encoder exists (JPEG-LS, JPEG 2000,
                     HTJ2K, RLE), so files do not grow tenfold. JPEG baseline/extended/lossless
                     have no lossless encoder here and stay uncompressed.
  --max-frame-mb N   The largest decoded frame accepted when images are decoded for redaction
                     (default 512, sized for a 4 GB machine). Before a frame is decoded, its
                     declared size is checked against this limit and against what its compressed
                     bytes can expand to (RLE segments, JPEG / JPEG-LS / JPEG 2000 headers read
                     first): a crafted or corrupt "pixel bomb" is refused in words, never decoded.
  --fsync            Flush each output to disk before it is renamed into place (slower; without
                     it the rename is still atomic, but a power cut may lose recent outputs).
  --dry-run          Read and plan only; write nothing to the output folder (no audit entry, no
                     leak gate).
  --allow-flagged    Keep the outputs the leak gate flags. They stay "flagged" in the report,
                     with "released": true, and each release is recorded in the audit log.
  --operator NAME    Who runs this; recorded in every audit log entry.
  --reviewer NAME    A second person who reviewed the flagged files released with --allow-flagged;
                     recorded as confirming each release.
  --require-reviewer Releasing flagged files (--allow-flagged) needs --operator and --reviewer,
                     two different people (two-person rule).
  -h, --help         Show this help.

Profile options (PS3.15 E.3; default: none, i.e. the Basic Profile alone):
${profileFlagHelp()}

Written to KEEP (the private folder, never to DIR; the run says where it is):
  uid_mapping.csv    original → new UID, one row per UID seen (columns id_old,id_new)
  patid_mapping.csv  original → new Patient ID (columns id_old,id_new)
  These two files link the outputs back to the patients. They are for your safekeeping:
  store them securely and do not share them with the de-identified data.
  report.json        one entry per input (it names the original files), unless --report
  audit.jsonl        the tamper-evident audit log, one JSON entry per line: run-start, options,
                     one "file" entry per input, "release" for each flagged file kept, run-end.
                     Each entry holds seq, ts (UTC, milliseconds), operator, event, payload, prev
                     (SHA-256 of the previous line; 64 zeros for the first) and hash (SHA-256 of
                     the entry's canonical JSON without hash). Later runs into DIR append to it
                     after checking it; a broken log is never extended. It holds no identifying
                     value: inputs appear as their index and the SHA-256 of their bytes, outputs
                     as their SHA-256, plus their path (new UIDs) or, under --keep-paths,
                     the SHA-256 of the path. Check it with "veil verify-audit KEEP --out DIR".

Exit status: 0 when every file was de-identified, skipped, a duplicate, or flagged and released,
and DIR holds DICOM only; 1 when a file was refused or flagged and not released, or DIR holds
anything else; 2 for usage errors; 3 when a failed write (disk full, read-only folder, no
permission, I/O error) stopped the run — it says what and where, keeps every output written
whole, removes its temporary files and its lock, and leaves an audit log that "veil
verify-audit" reads as an interrupted run; 130 when stopped with Ctrl-C.
`;
}

export function inspectHelp(): string {
  return `Usage: veil inspect <file> [--json] [--key FILE] [options]

Reads one DICOM file and prints the plan: for every attribute (at every depth) the action of
the profile (X remove, Z empty, D dummy, K keep, C clean, U new UID), the original value and
the result, and the reason. Nothing is written.

Options:
  --json             Print {"file", "status", "warnings", "rows"} as JSON instead of a table.
  --key FILE         The project key (see "veil anonymize --help"); the pseudonyms and new UIDs
                     shown are the ones anonymize would write with that key.
  -h, --help         Show this help.

Profile options:
${profileFlagHelp()}

Exit status: 0, or 1 when the file would be refused, 2 for usage errors.
`;
}

export function verifyAuditHelp(): string {
  return `Usage: veil verify-audit KEEP --out DIR
       veil verify-audit DIR

Checks KEEP/audit.jsonl, the audit log that "veil anonymize --out DIR" writes into its private
folder (KEEP, by default DIR.private): every entry's hash recomputes from its content, every prev
is the SHA-256 of the line before it (the first is 64 zeros), seq counts up without gaps, and
every run ends with run-end — except the last, which may have been interrupted (killed, power
cut, disk full): that is said, not failed, and the next run records it as unterminated. Then
every output the log names (the latest entry for each) must still be in DIR with the SHA-256
logged. Without --out, the outputs are looked for beside the log (the layout of earlier
versions, or an export unpacked into one folder).

Options:
  --out DIR          The folder holding the outputs (the --out of the run).
  -h, --help         Show this help.

Exit status: 0 when all of this holds; 1 otherwise, naming the first broken entry (line number
and why) or each missing or modified output; 2 for usage errors.
`;
}
