// Entry of the worker threads of `veil anonymize`: registers tsx in this thread (loader hooks are
// per thread), then loads the TypeScript worker. Resolved by URL, so it works from any cwd.

import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
