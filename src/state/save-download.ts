// Saves bytes or text the browser way: an object URL on a temporary <a download> that is clicked
// and removed; the URL is revoked a minute later (the download has started by then). Works from
// a served page and from file:// (the single-file build), where nothing else can write a file.

export function saveDownload(content: Blob | Uint8Array | string, name: string, type = 'application/octet-stream'): void {
  const blob = content instanceof Blob ? content : new Blob([content as string | Uint8Array<ArrayBuffer>], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
