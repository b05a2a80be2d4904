// The app's version for the audit log and the report, from package.json (bundled by Vite).

import pkg from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
