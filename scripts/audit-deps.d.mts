// Types of scripts/audit-deps.mjs for the test that calls it.

export type AuditResult =
  | { checked: false; reason: string }
  | { checked: true; high: number; critical: number; findings: { name: string; severity: string; via: string }[] };

export function auditProductionDeps(): AuditResult;
