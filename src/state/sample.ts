// "Try the sample": fetches the built-in synthetic study from the app's own origin
// (public/samples, listed in samples/index.json) and loads it like any other files.

import { addFiles } from './actions.ts';
import { store } from './store.ts';

export async function loadSample(): Promise<void> {
  try {
    const list = (await (await fetch('samples/index.json')).json()) as { files: string[] };
    const files = await Promise.all(
      list.files.map(async (name) => {
        const res = await fetch(`samples/${name}`);
        if (!res.ok) throw new Error(`samples/${name}: HTTP ${res.status}`);
        return { name: `sample/${name}`, blob: new File([await res.blob()], name, { type: 'application/dicom' }) };
      }),
    );
    addFiles(files);
  } catch (err) {
    store.set({ notice: `The sample could not be loaded: ${(err as Error).message}` });
  }
}
