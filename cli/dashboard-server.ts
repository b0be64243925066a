/**
 * The dashboard on this machine: serves the built app (`dashboard/dist`) and forwards every `/api/*`
 * request to the worker, unchanged (method, path and query, headers with cookies and the Host, body), and
 * its answer back unchanged (status, headers with `set-cookie` and `location`, body); redirects are not
 * followed. This is what the Pages Function (dashboard/functions/api/[[path]].ts) does in production, so
 * the app and the API share one origin and the session cookie is first-party.
 *
 *   npm run dashboard:serve -- [--port 8788] [--api http://127.0.0.1:8787] [--dist dashboard/dist]
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface DashboardServerOptions {
  /** 0 picks a free port. */
  port: number;
  distDir: string;
  /**
   * The worker, e.g. `http://127.0.0.1:8787` (`wrangler dev`). The Host header is forwarded as it came, so
   * the worker sees the dashboard's address, as behind the Pages Function's service binding.
   */
  apiOrigin: string;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface DashboardServer {
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Vite names built files `assets/<name>-<hash>.<ext>`: their content never changes under that name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Headers that belong to one connection, not to the message (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const distDir = resolve(options.distDir);
  const apiOrigin = new URL(options.apiOrigin);
  if (apiOrigin.protocol !== 'http:')
    throw new Error(`apiOrigin must be an http:// address, not ${options.apiOrigin}`);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) proxy(req, res, apiOrigin);
    else serveStatic(req, res, distDir, path).catch((error: unknown) => fail(res, 500, String(error)));
  });
  return new Promise((done, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      const { port } = server.address() as AddressInfo;
      done({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        close: () =>
          new Promise((closed) => {
            server.close(() => closed());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function withoutHopByHop(raw: string[]): string[] {
  const named = new Set(HOP_BY_HOP);
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i]?.toLowerCase() === 'connection')
      for (const token of (raw[i + 1] ?? '').split(',')) named.add(token.trim().toLowerCase());
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!named.has(name.toLowerCase())) kept.push(name, raw[i + 1] as string);
  }
  return kept;
}

/** Raw header pairs as an object that keeps repeated headers (several `set-cookie`) and the original case. */
function headerObject(raw: string[]): OutgoingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing === undefined) headers[name] = value;
    else headers[existing] = [...([] as string[]).concat(headers[existing] as string | string[]), value];
  }
  return headers;
}

function proxy(req: IncomingMessage, res: ServerResponse, origin: URL): void {
  const target = new URL(req.url ?? '/', origin);
  const upstream = httpRequest(
    target,
    { method: req.method, headers: headerObject(withoutHopByHop(req.rawHeaders)) },
    (answer) => {
      res.writeHead(
        answer.statusCode ?? 502,
        answer.statusMessage,
        headerObject(withoutHopByHop(answer.rawHeaders)),
      );
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    },
  );
  upstream.on('error', (error) => {
    if (res.headersSent) res.destroy();
    else fail(res, 502, `The worker at ${origin.origin} did not answer (${error.message}).`, true);
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, distDir: string, rawPath: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return fail(res, 405, 'Method not allowed.');
  }
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return fail(res, 400, 'Bad path.');
  }
  const file = resolve(distDir, `.${path}`);
  if (path.includes('\0') || (file !== distDir && !file.startsWith(distDir + sep)))
    return fail(res, 404, 'Not found.');
  const found = await fileAt(file);
  if (found) return sendFile(req, res, found, path.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
  // A path with an extension names a file that does not exist; any other path is a page of the app.
  if (extname(path)) return fail(res, 404, 'Not found.');
  const index = await fileAt(resolve(distDir, 'index.html'));
  if (!index) return fail(res, 503, 'The dashboard is not built: run `npm run dashboard:build`.');
  return sendFile(req, res, index, 'no-cache');
}

async function fileAt(path: string): Promise<{ path: string; size: number } | null> {
  try {
    const info = await stat(path);
    if (info.isFile()) return { path, size: info.size };
    if (info.isDirectory()) return fileAt(resolve(path, 'index.html'));
  } catch {}
  return null;
}

function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: { path: string; size: number },
  cacheControl: string,
) {
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'content-length': file.size,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file.path)
    .on('error', () => res.destroy())
    .pipe(res);
}

function fail(res: ServerResponse, status: number, message: string, json = false) {
  if (res.headersSent) return res.destroy();
  const body = json ? JSON.stringify({ error: message }) : `${message}\n`;
  res.writeHead(status, {
    'content-type': json ? 'application/json' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

async function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8788' },
      api: { type: 'string', default: 'http://127.0.0.1:8787' },
      dist: { type: 'string', default: resolve(root, 'dashboard/dist') },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const server = await startDashboardServer({
    port: Number(values.port),
    distDir: values.dist as string,
    apiOrigin: values.api as string,
    host: values.host as string,
  });
  console.log(`Dashboard on ${server.url} (API: ${values.api})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
