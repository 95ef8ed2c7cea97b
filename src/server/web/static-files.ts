/** @module Serves the built web app (web/dist) at `/`: same origin as the API, no CDN, behind the same API keys. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Env, Hono } from 'hono';

/** The cookie that carries the API key for page loads (a browser cannot add a bearer header to a navigation). */
export const KEY_COOKIE = 'slowthink_key';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Marks our own build, so the upward search never serves some other project's web/dist. */
const MARKER = 'name="slowthink-web"';

/**
 * Finds `web/dist` above this module: beside src/ in a clone, beside dist/ in an installed package, and above the CLI's
 * compile cache (which lives under node_modules/.cache of the clone).
 */
export function findWebRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let directory = from;
  for (let depth = 0; depth < 10; depth++) {
    const index = join(directory, 'web', 'dist', 'index.html');
    if (existsSync(index) && readFileSync(index, 'utf8').includes(MARKER)) return join(directory, 'web', 'dist');
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return undefined;
}

function cookieKey(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === KEY_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto">${body}</body></html>`;

const LOGIN = page(
  'slowthink: API key',
  '<h1>slowthink</h1><p>This server needs an API key (one of <code>SLOWTHINK_API_KEYS</code>).</p>' +
    '<form method="get" action="/"><label for="key">API key</label> <input id="key" name="key" type="password" autocomplete="off" required> <button type="submit">Open</button></form>',
);

const NOT_BUILT = page(
  'slowthink: web app not built',
  '<h1>The web app is not built</h1><p>Run <code>npm run build:web</code> in the slowthink checkout (<code>npm ci</code> does it), then reload.</p>',
);

/** Options of the static routes. */
export interface StaticFilesOptions {
  /** The built app; undefined answers a page that says how to build it. */
  root: string | undefined;
  /** Whether keys are configured. */
  authRequired: boolean;
  /** Checks an `Authorization` header value. */
  keyMatches: (authorization: string | undefined) => boolean;
}

/** Mounts `GET /` and `GET /assets/*` (and the app's other files) on `app`. */
export function mountStaticFiles<E extends Env>(app: Hono<E>, options: StaticFilesOptions): void {
  const root = options.root === undefined ? undefined : resolve(options.root);
  const allowed = (c: Context<E>) => {
    if (!options.authRequired) return true;
    if (options.keyMatches(c.req.header('authorization'))) return true;
    const key = cookieKey(c.req.header('cookie'));
    return key !== undefined && options.keyMatches(`Bearer ${key}`);
  };
  const serve = (c: Context<E>, path: string) => {
    if (!allowed(c)) return c.html(LOGIN, 401);
    // 404, not 503: the API is up; only the optional app is missing (and no request of a client is ever a 5xx).
    if (root === undefined) return c.html(NOT_BUILT, 404);
    const file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) return c.notFound();
    if (!existsSync(file) || !statSync(file).isFile()) return c.notFound();
    const hashed = path.startsWith('/assets/');
    return c.body(readFileSync(file), 200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      // Vite names assets by content hash: they never change; index.html always revalidates so a rebuild shows at once.
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
  };
  app.get('/', (c) => {
    const key = c.req.query('key');
    if (key !== undefined && options.authRequired) {
      if (!options.keyMatches(`Bearer ${key}`)) return c.html(LOGIN, 401);
      // The key moves from the URL into a same-site cookie the app reads to authorise its API calls.
      c.header('set-cookie', `${KEY_COOKIE}=${encodeURIComponent(key)}; Path=/; SameSite=Strict`);
      return c.redirect('/', 303);
    }
    return serve(c, '/index.html');
  });
  app.get('/assets/*', (c) => serve(c, c.req.path));
  app.get('/favicon.svg', (c) => serve(c, '/favicon.svg'));
}
