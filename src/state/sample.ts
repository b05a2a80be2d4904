// "Try the sample": the built-in synthetic study (public/samples, listed in samples/index.json),
// loaded like any other files. Served, it is fetched from the app's own origin; in the single-file
// delivery (dist/veil.html on file://, where fetch() of files fails) it is embedded in the page.

import { errorDetail, MessageError, notice } from '../core/messages/notice.ts';
import embedded from 'virtual:veil-sample';
import { addFiles } from './actions.ts';
import { trackInputs } from './files-ready.ts';
import { store } from './store.ts';

const asDicom = (name: string, bytes: BlobPart) => ({ name: `sample/${name}`, blob: new File([bytes], name, { type: 'application/dicom' }) });

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function fetchSample(): Promise<ReturnType<typeof asDicom>[]> {
  const list = (await (await fetch('samples/index.json')).json()) as { files: string[] };
  return Promise.all(
    list.files.map(async (name) => {
      const res = await fetch(`samples/${name}`);
      if (!res.ok) throw new MessageError(notice('httpStatus', { url: `samples/${name}`, status: res.status }));
      return asDicom(name, await res.blob());
    }),
  );
}

export async function loadSample(): Promise<void> {
  try {
    addFiles(embedded ? embedded.map((f) => asDicom(f.name, decodeBase64(f.base64))) : await trackInputs(fetchSample()));
  } catch (err) {
    store.set({ notice: notice('sampleFailed', { error: errorDetail(err) }) });
  }
}
