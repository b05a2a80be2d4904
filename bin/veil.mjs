#!/usr/bin/env node
// The `veil` command: loads the TypeScript CLI (src/cli/main.ts) through tsx, so `npx veil …`
// works right after `npm ci` without a build step, from any working directory.

import { register } from 'tsx/esm/api';

register();
const { runAsProcess } = await import('../src/cli/main.ts');
await runAsProcess();
