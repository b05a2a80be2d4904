// The CLI's side of the output-name rule (core/deid/output-claims.ts): absolute paths under
// --out, compared without case on Windows and macOS, whose file systems ignore it.

import * as path from 'node:path';
import { OutputClaims } from '../core/deid/output-claims.ts';

export { duplicateInput, outputNameSuffixed, suffixed, type ClaimAnswer } from '../core/deid/output-claims.ts';

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';

/** Claims keyed by resolved path (folded to lower case where the file system ignores case). */
export const pathClaims = (): OutputClaims => new OutputClaims((p) => (caseInsensitive ? path.resolve(p).toLowerCase() : path.resolve(p)));
