#!/usr/bin/env node
// `npm audit` of the production dependencies (what the app and the CLI ship): runs
// `npm audit --omit=dev --audit-level=high --json` and fails on any high or critical finding,
// naming each package. When the registry's audit service cannot be reached (offline, a mirror
// without the advisory endpoint), it says so plainly and checks nothing (exit 0); CI with the
// public registry gets the real check. Usage: node scripts/audit-deps.mjs (npm run audit:deps).

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * @returns {{ checked: false, reason: string } | { checked: true, high: number, critical: number, findings: { name: string, severity: string, via: string }[] }}
 */
export function auditProductionDeps() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['audit', '--omit=dev', '--audit-level=high', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.error) return { checked: false, reason: `npm could not be run: ${r.error.message}` };
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    return { checked: false, reason: `npm audit gave no report (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0] ?? ''}` };
  }
  const counts = json?.metadata?.vulnerabilities;
  if (!counts) {
    const why = json?.error?.code ?? json?.code ?? (json?.statusCode ? `HTTP ${json.statusCode}` : 'an error');
    return { checked: false, reason: `the registry's audit service could not be reached (${why}${json?.uri ? ` from ${new URL(json.uri).host}` : ''})` };
  }
  const findings = Object.values(json.vulnerabilities ?? {})
    .filter((v) => v.severity === 'high' || v.severity === 'critical')
    .map((v) => ({
      name: v.name,
      severity: v.severity,
      via: (v.via ?? []).map((x) => (typeof x === 'string' ? x : `${x.title ?? x.source} (${x.url ?? 'no advisory URL'})`)).join('; '),
    }));
  return { checked: true, high: counts.high ?? 0, critical: counts.critical ?? 0, findings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = auditProductionDeps();
  if (!r.checked) {
    console.log(`npm audit: NOT CHECKED: ${r.reason}. Run it again where the npm registry is reachable.`);
    process.exit(0);
  }
  for (const f of r.findings) console.log(`npm audit: ${f.severity}: ${f.name}: ${f.via}`);
  console.log(`npm audit: production dependencies: ${r.critical} critical, ${r.high} high finding${r.high === 1 ? '' : 's'}`);
  process.exit(r.high + r.critical > 0 ? 1 : 0);
}
