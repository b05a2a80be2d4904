// Whether a Blob starts with a ZIP local file header signature ("PK\x03\x04", APPNOTE.TXT 4.3.7):
// how an archive without a .zip name is recognised. Runs in the pool's workers for the app's
// inputs (reading a picked file's first bytes on the main thread costs a synchronous round trip
// to the browser process per file).

export async function hasZipSignature(blob: Blob): Promise<boolean> {
  if (blob.size < 4) return false;
  const b = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
