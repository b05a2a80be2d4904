// `npm audit --omit=dev --audit-level=high` finds nothing high or critical in the production
// dependencies (scripts/audit-deps.mjs); where the registry's audit service cannot be reached
// the test says so plainly and passes without checking.

import { describe, expect, it } from 'vitest';
import { auditProductionDeps } from '../../scripts/audit-deps.mjs';

describe('production dependencies', () => {
  it('have no high or critical npm audit finding', () => {
    const r = auditProductionDeps();
    if (!r.checked) {
      console.log(`npm audit: NOT CHECKED: ${r.reason}`);
      return;
    }
    expect(r.findings, r.findings.map((f) => `${f.severity} ${f.name}: ${f.via}`).join('\n')).toEqual([]);
    expect(r.high + r.critical).toBe(0);
  }, 150_000);
});
