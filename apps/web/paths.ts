import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the web app's pieces are, for the platform that builds and serves it. */
export const WEB_ROOT = dirname(fileURLToPath(import.meta.url));
/** The built app (`npm run build -w @supergraph/web`). */
export const WEB_DIST = resolve(WEB_ROOT, 'dist');
/** The app's persisted operations, in the apollo-persisted-query-manifest format (written by its codegen). */
export const WEB_MANIFEST = resolve(WEB_ROOT, 'src/__generated__/persisted-query-manifest.json');
/** What the built app is made from: a change to any of these means it must be built again. */
export const WEB_SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => resolve(WEB_ROOT, p));
