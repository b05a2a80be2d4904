// Frames of encapsulated Pixel Data whose fragments are not one a frame and that has no Basic
// Offset Table. PS3.5 A.4 allows a frame to span several fragments; with an empty offset table
// the frame boundaries are where a fragment starts a new codestream. Cornerstone's metadata path
// then took fragment N as frame N: frame 1 of dicomParser's CT0012.fragmented_no_bot_* files
// was its first 8 KiB fragment alone (JPEG baseline and JPEG-LS failed to decode, JPEG lossless
// drew garbage under an "almost one grey" notice), frame 2 the rest of frame 1. The fragments
// are grouped here by the codestream start each frame begins with: SOI (FFD8) for JPEG, JPEG
// lossless and JPEG-LS (PS3.5 A.4.1, A.4.3), SOC + SIZ (FF4F FF51) for JPEG 2000 and HTJ2K
// (A.4.4, A.4.6). Only a grouping that yields exactly the number of frames is used.

/** Transfer syntaxes whose frames each begin with a JPEG SOI marker. */
const JPEG_FAMILY = /^1\.2\.840\.10008\.1\.2\.4\.(5[0-9]|6\d|70|8[01])$/;
/** Transfer syntaxes whose frames each begin with a JPEG 2000 codestream (SOC, SIZ). */
const J2K_FAMILY = /^1\.2\.840\.10008\.1\.2\.4\.(9[0-3]|20[1-3])$/;

function startsFrame(fragment: Uint8Array, ts: string): boolean {
  if (JPEG_FAMILY.test(ts)) return fragment[0] === 0xff && fragment[1] === 0xd8;
  if (J2K_FAMILY.test(ts)) return fragment[0] === 0xff && fragment[1] === 0x4f && fragment[2] === 0xff && fragment[3] === 0x51;
  return false;
}

/**
 * The fragments grouped into `frames` frames, each group starting at a fragment that begins a
 * codestream; null when the transfer syntax has no such marker, the first fragment does not
 * start one, or the groups are not exactly `frames`.
 */
export function groupFragments(fragments: readonly Uint8Array[], frames: number, ts: string): Uint8Array[][] | null {
  if (fragments.length <= frames || !fragments.length || !startsFrame(fragments[0], ts)) return null;
  const groups: Uint8Array[][] = [];
  for (const f of fragments) {
    if (startsFrame(f, ts)) groups.push([f]);
    else groups[groups.length - 1].push(f);
  }
  return groups.length === frames ? groups : null;
}

const grouped = new WeakMap<object, Uint8Array[][] | null>();

/** One fragment of a naturalized value as bytes (a buffer or a byte view, or a list of one); null otherwise. */
function bytesOf(v: unknown): Uint8Array | null {
  const one: unknown = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (one instanceof ArrayBuffer) return new Uint8Array(one);
  return one instanceof Uint8Array ? one : null;
}

/** Frame `index` of a naturalized fragment list that holds more fragments than frames; null when it cannot be told. */
export function frameFromFragments(pixelData: unknown, frames: number, index: number, ts: string): Uint8Array[] | null {
  // Multi-frame only: a single frame's fragments reach the loader together already, and a crafted
  // single-frame value (JPEG2000-embedded-sequence-delimiter.dcm) must stay refused as it was.
  if (!Array.isArray(pixelData) || !(frames >= 2) || pixelData.length <= frames) return null;
  let groups = grouped.get(pixelData);
  if (groups === undefined) {
    const views = pixelData.map(bytesOf);
    groups = views.every((v) => v) ? groupFragments(views as Uint8Array[], frames, ts) : null;
    grouped.set(pixelData, groups);
  }
  return groups?.[index] ?? null;
}
