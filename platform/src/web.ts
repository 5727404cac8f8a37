import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '@supergraph/gateway';
import { WEB_ROOT, WEB_SOURCES } from '@supergraph/web/paths';

/** Where `npm start` keeps its builds of the web app: one folder per version of its sources. */
const BUILDS = resolve(REPO_ROOT, 'node_modules/.cache/supergraph-web');

/** Every file under `paths`, recursively. */
function filesUnder(paths: string[]): string[] {
  return paths.flatMap((path) => (statSync(path).isDirectory() ? filesUnder(readdirSync(path).map((entry) => join(path, entry))) : [path]));
}

/** A hash of everything the built app is made from (its sources, page, build settings and generated documents). */
function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(WEB_SOURCES).sort()) hash.update(relative(WEB_ROOT, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The web app's build for its current sources: built (about a second) when there is none yet.
 * Each build goes to a folder of its own and is renamed into place when whole, so two starts at
 * once (or a start beside a test) never serve half a build.
 */
export async function buildWebApp(say: (line: string) => void = () => {}): Promise<string> {
  const dir = join(BUILDS, sourcesHash());
  if (existsSync(join(dir, 'index.html'))) return dir;
  say('Building the web app (once per change to apps/web)…');
  mkdirSync(BUILDS, { recursive: true });
  const temporary = `${dir}.${process.pid}.tmp`;
  await new Promise<void>((done, fail) => {
    const vite = resolve(REPO_ROOT, 'node_modules/.bin/vite');
    const child = spawn(vite, ['build', '--outDir', temporary, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: WEB_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`the web app did not build:\n${errors.trim()}`))));
  });
  try {
    renameSync(temporary, dir);
  } catch {
    // Another start built the same sources first: theirs is as good.
    rmSync(temporary, { recursive: true, force: true });
  }
  // Builds of older sources are not served again.
  for (const entry of readdirSync(BUILDS)) {
    if (join(BUILDS, entry) !== dir && !entry.endsWith('.tmp')) rmSync(join(BUILDS, entry), { recursive: true, force: true });
  }
  return dir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface WebApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a build of the web app, and `/config.json` telling it where the gateway is. Only the
 * build's own files are served (a fixed list read at start, so no path can reach outside it);
 * any other path without an extension is the app's page, for its client-side routes.
 */
export async function serveWebApp(options: { dir: string; host: string; port: number; gatewayUrl: string }): Promise<WebApp> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const file of filesUnder([options.dir])) {
    files.set(`/${relative(options.dir, file).split('\\').join('/')}`, {
      body: readFileSync(file),
      type: TYPES[extname(file)] ?? 'application/octet-stream',
    });
  }
  const gateway = new URL(options.gatewayUrl);
  files.set('/config.json', { body: Buffer.from(JSON.stringify({ gatewayUrl: options.gatewayUrl })), type: TYPES['.json']! });
  const security = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': `default-src 'self'; connect-src 'self' ${gateway.origin}; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'`,
  };
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...security }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://web').pathname;
    const file = files.get(path) ?? (extname(path) === '' ? files.get('/index.html') : undefined);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...security }).end('Not found.');
      return;
    }
    const immutable = path.startsWith('/assets/');
    res
      .writeHead(200, {
        'content-type': file.type,
        'content-length': file.body.length,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...security,
      })
      .end(req.method === 'HEAD' ? undefined : file.body);
  });
  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => listening());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
