// GB18030 and GBK (PS3.5 §6.1.2.3, Annex J.3/J.4; multi-byte, no code extensions).
// Decoding uses TextDecoder('gb18030') (a superset of GBK). There is no built-in encoder,
// so reverse tables are built lazily, once, by decoding the GBK two-byte space and the
// GB18030 four-byte BMP range; supplementary planes are mapped arithmetically.

let twoByte: Uint16Array | undefined; // code unit → (b1 << 8 | b2), 0 = none
let twoByteSupplementary = new Map<number, number>(); // rare: two-byte codes decoding outside the BMP
let fourByte: Int32Array | undefined; // BMP code unit → four-byte pointer, −1 = none

let gbDecoder: TextDecoder | undefined;
let gbFatal: TextDecoder | undefined;

export function gb18030Decoder(fatal = false): TextDecoder {
  if (fatal) return (gbFatal ??= new TextDecoder('gb18030', { fatal: true }));
  return (gbDecoder ??= new TextDecoder('gb18030'));
}

function buildTwoByte(): Uint16Array {
  const bytes: number[] = [];
  const codes: number[] = [];
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      bytes.push(b1, b2, 0x0a);
      codes.push((b1 << 8) | b2);
    }
  }
  const parts = gb18030Decoder().decode(new Uint8Array(bytes)).split('\n');
  const table = new Uint16Array(0x10000);
  const supplementary = new Map<number, number>();
  for (let i = 0; i < codes.length; i++) {
    const s = parts[i];
    if (s === undefined || s === '\ufffd') continue;
    if (s.length === 2 && s.codePointAt(0)! > 0xffff) {
      if (!supplementary.has(s.codePointAt(0)!)) supplementary.set(s.codePointAt(0)!, codes[i]);
      continue;
    }
    if (s.length !== 1) continue;
    const cu = s.charCodeAt(0);
    if (table[cu] === 0) table[cu] = codes[i];
  }
  twoByteSupplementary = supplementary;
  return table;
}

/** Four-byte pointer → bytes (GB18030: b1 0x81–0xFE, b2 0x30–0x39, b3 0x81–0xFE, b4 0x30–0x39). */
function pointerBytes(pointer: number, out: number[]): void {
  const b1 = Math.floor(pointer / 12600);
  let rest = pointer % 12600;
  const b2 = Math.floor(rest / 1260);
  rest %= 1260;
  out.push(b1 + 0x81, b2 + 0x30, Math.floor(rest / 10) + 0x81, (rest % 10) + 0x30);
}

const BMP_FOUR_BYTE_POINTERS = 39420; // 0x81308130 .. 0x8431A439

function buildFourByte(): Int32Array {
  const bytes: number[] = [];
  for (let p = 0; p < BMP_FOUR_BYTE_POINTERS; p++) pointerBytes(p, bytes);
  const s = gb18030Decoder().decode(new Uint8Array(bytes));
  const table = new Int32Array(0x10000).fill(-1);
  if (s.length === BMP_FOUR_BYTE_POINTERS) {
    for (let p = 0; p < BMP_FOUR_BYTE_POINTERS; p++) {
      const cu = s.charCodeAt(p);
      if (cu !== 0xfffd && table[cu] === -1) table[cu] = p;
    }
  } else {
    // Defensive: a decoder that does not yield exactly one unit per sequence; decode one by one.
    const dec = gb18030Decoder();
    for (let p = 0; p < BMP_FOUR_BYTE_POINTERS; p++) {
      const one = dec.decode(new Uint8Array(bytes.slice(p * 4, p * 4 + 4)));
      if (one.length === 1 && one !== '\ufffd' && table[one.charCodeAt(0)] === -1) table[one.charCodeAt(0)] = p;
    }
  }
  return table;
}

/**
 * Encode text as GB18030 (fourByte = true) or GBK (two-byte only). Returns the bytes, or the
 * index of the first code unit that cannot be represented.
 */
export function encodeGb(text: string, fourByteAllowed: boolean): Uint8Array | { failAt: number } {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cu = text.charCodeAt(i);
    if (cu < 0x80) {
      out.push(cu);
      continue;
    }
    if (cu >= 0xd800 && cu <= 0xdfff) {
      const lo = text.charCodeAt(i + 1);
      if (!fourByteAllowed || cu > 0xdbff || !(lo >= 0xdc00 && lo <= 0xdfff)) return { failAt: i };
      const cp = ((cu - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
      twoByte ??= buildTwoByte();
      const pair = twoByteSupplementary.get(cp);
      if (pair) out.push(pair >> 8, pair & 0xff);
      else pointerBytes(189000 + cp - 0x10000, out);
      i++;
      continue;
    }
    twoByte ??= buildTwoByte();
    const code = twoByte[cu];
    if (code !== 0) {
      out.push(code >> 8, code & 0xff);
      continue;
    }
    if (!fourByteAllowed) return { failAt: i };
    fourByte ??= buildFourByte();
    const p = fourByte[cu];
    if (p < 0) return { failAt: i };
    pointerBytes(p, out);
  }
  return Uint8Array.from(out);
}

export function canEncodeGb(text: string, fourByteAllowed: boolean): boolean {
  return encodeGb(text, fourByteAllowed) instanceof Uint8Array;
}
