// The framing of a ZIP archive whose entries are stored (method 0, no compression), written as a
// stream: a local file header before each entry's bytes, then the central directory and its end
// records (PKWARE APPNOTE.TXT 6.3.x: 4.3.7 local header, 4.3.12 central directory header, 4.3.16
// end of central directory, 4.3.14/4.3.15 ZIP64 end record and locator, 4.5.3 ZIP64 extra field).
// Sizes, offsets or an entry count past the 32/16-bit fields switch to ZIP64 where needed. Names
// are UTF-8 (general purpose bit 11). Pure: the CRC-32 of each entry comes from the caller (the
// pool's workers compute it beside the SHA-256), so framing costs the main thread nothing per byte.
// DICOM pixel data barely compresses, and storing keeps an export as fast as the workers.

const U32 = 0xffffffff;
const U16 = 0xffff;
const UTF8_FLAG = 0x0800;

interface Placed {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, d.getFullYear()));
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

function setU64(v: DataView, at: number, n: number): void {
  v.setUint32(at, n % 0x100000000, true);
  v.setUint32(at + 4, Math.floor(n / 0x100000000), true);
}

export class StoredZipLayout {
  private readonly placed: Placed[] = [];
  private offset = 0;
  private readonly time: number;
  private readonly date: number;
  private readonly encoder = new TextEncoder();

  constructor(modified: Date = new Date()) {
    ({ time: this.time, date: this.date } = dosDateTime(modified));
  }

  /** Bytes written so far (headers and entries). */
  get length(): number {
    return this.offset;
  }

  /** The local file header of the next entry; write `size` bytes of data right after it. */
  entry(path: string, size: number, crc: number): Uint8Array {
    const name = this.encoder.encode(path);
    const zip64 = size >= U32;
    const h = new Uint8Array(30 + name.length + (zip64 ? 20 : 0));
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, zip64 ? 45 : 20, true);
    v.setUint16(6, UTF8_FLAG, true);
    v.setUint16(8, 0, true);
    v.setUint16(10, this.time, true);
    v.setUint16(12, this.date, true);
    v.setUint32(14, crc >>> 0, true);
    v.setUint32(18, zip64 ? U32 : size, true);
    v.setUint32(22, zip64 ? U32 : size, true);
    v.setUint16(26, name.length, true);
    v.setUint16(28, zip64 ? 20 : 0, true);
    h.set(name, 30);
    if (zip64) {
      const x = 30 + name.length;
      v.setUint16(x, 0x0001, true);
      v.setUint16(x + 2, 16, true);
      setU64(v, x + 4, size);
      setU64(v, x + 12, size);
    }
    this.placed.push({ name, crc: crc >>> 0, size, offset: this.offset });
    this.offset += h.length + size;
    return h;
  }

  /** The central directory and end records: the archive's last bytes. */
  finish(): Uint8Array {
    const records: Uint8Array[] = [];
    let cdSize = 0;
    for (const p of this.placed) {
      const bigSize = p.size >= U32;
      const bigOffset = p.offset >= U32;
      const extra = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
      const zip64 = extra > 0;
      const r = new Uint8Array(46 + p.name.length + (zip64 ? 4 + extra : 0));
      const v = new DataView(r.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 45, true);
      v.setUint16(6, zip64 ? 45 : 20, true);
      v.setUint16(8, UTF8_FLAG, true);
      v.setUint16(10, 0, true);
      v.setUint16(12, this.time, true);
      v.setUint16(14, this.date, true);
      v.setUint32(16, p.crc, true);
      v.setUint32(20, bigSize ? U32 : p.size, true);
      v.setUint32(24, bigSize ? U32 : p.size, true);
      v.setUint16(28, p.name.length, true);
      v.setUint16(30, zip64 ? 4 + extra : 0, true);
      v.setUint32(42, bigOffset ? U32 : p.offset, true);
      r.set(p.name, 46);
      if (zip64) {
        let x = 46 + p.name.length;
        v.setUint16(x, 0x0001, true);
        v.setUint16(x + 2, extra, true);
        x += 4;
        if (bigSize) {
          setU64(v, x, p.size);
          setU64(v, x + 8, p.size);
          x += 16;
        }
        if (bigOffset) setU64(v, x, p.offset);
      }
      records.push(r);
      cdSize += r.length;
    }
    const cdOffset = this.offset;
    const count = this.placed.length;
    const zip64End = count >= U16 || cdOffset >= U32 || cdSize >= U32;
    const tail = new Uint8Array((zip64End ? 56 + 20 : 0) + 22);
    const v = new DataView(tail.buffer);
    let at = 0;
    if (zip64End) {
      v.setUint32(0, 0x06064b50, true);
      setU64(v, 4, 44);
      v.setUint16(12, 45, true);
      v.setUint16(14, 45, true);
      setU64(v, 24, count);
      setU64(v, 32, count);
      setU64(v, 40, cdSize);
      setU64(v, 48, cdOffset);
      v.setUint32(56, 0x07064b50, true);
      setU64(v, 64, cdOffset + cdSize);
      v.setUint32(72, 1, true);
      at = 76;
    }
    v.setUint32(at, 0x06054b50, true);
    v.setUint16(at + 8, zip64End ? U16 : count, true);
    v.setUint16(at + 10, zip64End ? U16 : count, true);
    v.setUint32(at + 12, zip64End ? U32 : cdSize, true);
    v.setUint32(at + 16, zip64End ? U32 : cdOffset, true);
    const out = new Uint8Array(cdSize + tail.length);
    let o = 0;
    for (const r of records) {
      out.set(r, o);
      o += r.length;
    }
    out.set(tail, o);
    this.offset += out.length;
    return out;
  }
}
