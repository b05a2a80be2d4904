// Why an image could not be shown, in words the UI translates (app.json "viewer.fail.*"): the
// loader's and codecs' exception text ("Finding view is past end of input…") never reaches the
// user; it is classified into a few plain reasons.

export interface ViewerText {
  key: string;
  params?: Record<string, string | number>;
}

const TRUNCATED = /past end|out of (range|bounds)|beyond|truncat|end of (input|buffer|data)|offset is outside|RangeError/i;
const DECODE = /decod|codec|jpeg|jpeg-?ls|j2k|jp2|openjp|charls|rle|huffman|marker|unsupported transfer|transfer syntax/i;
const MEMORY = /memory|allocation|too large|array buffer|invalid array length/i;

function text(err: unknown): string {
  const e = (err && typeof err === 'object' && 'error' in err ? (err as { error: unknown }).error : err) as unknown;
  if (e instanceof Error) return `${e.name} ${e.message}`;
  if (typeof e === 'string') return e;
  return e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : '';
}

/** A plain reason for an error the image loader, a codec or the renderer threw. */
export function loadFailure(err: unknown, transferSyntax?: string): ViewerText {
  const t = text(err);
  const syntax = transferSyntax ?? '';
  if (MEMORY.test(t)) return { key: 'viewer.fail.memory' };
  if (TRUNCATED.test(t)) return { key: 'viewer.fail.truncated' };
  if (DECODE.test(t) && syntax) return { key: 'viewer.fail.decode', params: { syntax } };
  if (DECODE.test(t)) return { key: 'viewer.fail.decodeAny' };
  return { key: 'viewer.fail.other' };
}
