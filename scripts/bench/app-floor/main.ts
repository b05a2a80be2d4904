// `npm run bench`'s floor for the app's export (scripts/bench/app-floor.ts builds and drives this
// page): every picked file goes through a pool of the export's size (exportPoolSize) to workers
// that do the export's plumbing without its DICOM work (floor.worker.ts), and the outputs are
// written in load order into the app's own download ZIP target (downloadTarget: stored entries,
// Blob parts, one download) — no de-identification, leak gate, review or audit log. An export
// can only come near this time, never under it. `?parse=1` adds core's reader over each input
// and output.

import { wrap, type Remote } from 'comlink';
import { downloadTarget } from '../../../src/state/output-targets.ts';
import { exportPoolSize } from '../../../src/state/worker-pool.ts';
import type { FloorWorkerApi } from './floor.worker.ts';

const input = document.querySelector<HTMLInputElement>('[data-testid=file-input]')!;
const status = document.querySelector<HTMLOutputElement>('[data-testid=floor-status]')!;
const parse = new URLSearchParams(location.search).get('parse') === '1';

async function run(): Promise<void> {
  const files = [...(input.files ?? [])];
  const t0 = performance.now();
  const size = exportPoolSize();
  const workers = Array.from({ length: size }, () => new Worker(new URL('./floor.worker.ts', import.meta.url), { type: 'module' }));
  const apis: Remote<FloorWorkerApi>[] = workers.map((w) => wrap<FloorWorkerApi>(w));
  const target = downloadTarget('floor.zip');
  const done = new Map<number, { bytes: Uint8Array; crc32: number }>();
  let next = 0;
  let accepted = 0;
  let writes = Promise.resolve();
  const lane = async (api: Remote<FloorWorkerApi>) => {
    while (next < files.length) {
      const i = next++;
      done.set(i, await api.floor(files[i], parse));
      while (done.has(accepted)) {
        const r = done.get(accepted)!;
        done.delete(accepted);
        const path = `floor/${String(accepted++).padStart(6, '0')}.dcm`;
        writes = writes.then(() => target.add(path, r.bytes, r.crc32));
      }
    }
  };
  await Promise.all(apis.map(lane));
  await writes;
  await target.close();
  for (const w of workers) w.terminate();
  status.dataset.seconds = String((performance.now() - t0) / 1000);
  status.textContent = `done: ${files.length} files`;
}

document.querySelector('[data-testid=run-floor]')!.addEventListener('click', () => {
  status.textContent = 'running';
  run().catch((err) => (status.textContent = `failed: ${(err as Error).message}`));
});
