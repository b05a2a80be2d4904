// The per-file words of DICOMDIR handling, one function each (CLI report and app notices say the
// same). Codes for the message catalogue: dicomdir-used-as-index, dicomdir-file-missing,
// dicomdir-unreadable, dicomdir-files-missing, not-listable-on-media.

/** The status reason of a DICOMDIR read to find its files (it is never copied). */
export const dicomdirUsedAsIndex = (p: { referenced: number; found: number }): string =>
  `DICOMDIR: used as an index to find the ${p.referenced} file(s) it references (${p.found} found); not copied, because it names the original files and patients`;

/** A file the DICOMDIR references is not on the media. */
export const dicomdirFileMissing = (p: { fileId: string }): string => `the DICOMDIR references ${p.fileId}, which is not among the files present`;

/** The app's notice for a loaded DICOMDIR whose referenced files are not all among the files loaded. */
export const dicomdirFilesMissing = (p: { name: string; count: number; first: string }): string =>
  `${p.name} references ${p.count} file(s) that are not among the files loaded (the first: ${p.first})`;

/** A DICOMDIR that could not be read as a Basic Directory (its folder's files are still read). */
export const dicomdirUnreadable = (p: { reason: string }): string =>
  `DICOMDIR could not be read as an index (${p.reason}); not copied, and the files beside it are read as they are`;

/** --dicomdir / "For CD/USB": an output that cannot be named or listed on media gets no output. */
export const notListableOnMedia = (p: { reason: string }): string => `not written to the CD layout: ${p.reason}; no output was written`;
