// Outside peers for `npm run bench`: GDCM's gdcmanon in its PS3.15 mode (`-e`, E.1.1 De-identify
// with the encrypted attributes of E.1.2, which needs an X.509 certificate: a throw-away one is
// made with openssl). Present when Debian's libgdcm-tools and openssl are installed; the bench then
// prints every veil time as a multiple of gdcmanon's on the same files in the same run.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PeerTool {
  id: string;
  label: string;
  cmd: (src: string, out: string) => [string, string[]];
  timeoutS: number;
}

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** gdcmanon -e over a folder, or the reason it cannot run here. */
export function gdcmanonPeer(work: string, timeoutS: number): PeerTool | string {
  if (!has('gdcmanon')) return 'gdcmanon is not installed (apt-get install -y libgdcm-tools)';
  if (!has('openssl')) return 'openssl is not installed (gdcmanon -e needs a certificate)';
  const cert = join(work, 'gdcmanon-cert.pem');
  const key = join(work, 'gdcmanon-key.pem');
  if (!existsSync(cert)) {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-keyout', key, '-out', cert, '-days', '2', '-nodes', '-subj', '/CN=veil-bench'], { stdio: 'ignore' });
    if (r.status !== 0) return 'openssl could not make the certificate gdcmanon -e needs';
  }
  return {
    id: 'gdcmanon',
    label: 'GDCM gdcmanon -e',
    cmd: (s, o) => ['gdcmanon', ['-e', '--continue', '-r', '-i', s, '-o', o, '-c', cert]],
    timeoutS,
  };
}
