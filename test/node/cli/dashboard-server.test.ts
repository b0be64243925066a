import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardServer, startDashboardServer } from '../../../cli/dashboard-server';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A stand-in for the worker: records every request and answers by path. */
function fakeApi(seen: Seen[]): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = (req.url ?? '').split('?')[0];
      if (path === '/api/auth/login') {
        res.writeHead(302, {
          location: 'https://discord.com/oauth2/authorize?client_id=1&state=abc',
          'set-cookie': ['ew_state=abc; HttpOnly; Path=/; Max-Age=600', 'other=1; Path=/'],
        });
        return res.end();
      }
      if (path === '/api/auth/callback') {
        res.writeHead(302, {
          location: '/guilds/123',
          'set-cookie': 'ew_session=s1; HttpOnly; Secure; Path=/',
        });
        return res.end();
      }
      if (path === '/api/auth/logout') {
        res.writeHead(204, { 'set-cookie': 'ew_session=; Max-Age=0; Path=/' });
        return res.end();
      }
      if (path === '/api/guilds/1/backups/9') {
        res.writeHead(409, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: 'That backup is pinned.' }));
      }
      if (path === '/api/stream') {
        // Chunked, without content-length.
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('one,');
        return setTimeout(() => res.end('two'), 10);
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-worker': 'yes' });
      res.end(JSON.stringify({ method: req.method, url: req.url, length: body.length }));
    });
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

/** A raw request (no URL normalisation, unlike fetch). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the local dashboard server', () => {
  const seen: Seen[] = [];
  let dist: string;
  let api: { server: Server; origin: string };
  let dashboard: DashboardServer;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'edgeward-dashboard-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd.js'), 'console.log(1);');
    writeFileSync(join(dist, 'assets', 'index-Ef34Gh.css'), 'body{}');
    writeFileSync(join(dist, 'robots.txt'), 'User-agent: *');
    writeFileSync(join(tmpdir(), 'edgeward-secret.txt'), 'secret');
    api = await fakeApi(seen);
    dashboard = await startDashboardServer({ port: 0, distDir: dist, apiOrigin: api.origin });
  });

  afterAll(async () => {
    await dashboard?.close();
    await new Promise((done) => api?.server.close(done));
    rmSync(dist, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'edgeward-secret.txt'), { force: true });
  });

  it('serves the app with content types and cache headers', async () => {
    const index = await fetch(`${dashboard.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<title>app</title>');

    const js = await fetch(`${dashboard.url}/assets/index-Ab12Cd.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1);');

    const css = await fetch(`${dashboard.url}/assets/index-Ef34Gh.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');

    const txt = await fetch(`${dashboard.url}/robots.txt`);
    expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(txt.headers.get('cache-control')).toBe('no-cache');

    const head = await fetch(`${dashboard.url}/assets/index-Ab12Cd.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('15');
  });

  it('answers index.html for app paths, 404 for missing files, 405 for other methods', async () => {
    for (const path of [
      '/guilds/123',
      '/guilds/123/backups',
      '/owner',
      '/anything?login_error=access_denied',
    ]) {
      const res = await fetch(`${dashboard.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('<title>app</title>');
    }
    expect((await fetch(`${dashboard.url}/assets/missing-123.js`)).status).toBe(404);
    expect((await fetch(`${dashboard.url}/favicon.ico`)).status).toBe(404);
    const post = await fetch(`${dashboard.url}/guilds/1`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never serves a file outside the dist directory', async () => {
    for (const path of [
      '/../edgeward-secret.txt',
      '/%2e%2e/edgeward-secret.txt',
      '/assets/..%2f..%2fedgeward-secret.txt',
    ]) {
      const res = await rawGet(dashboard.url, path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret\n');
      expect(res.body).not.toBe('secret');
    }
  });

  it('forwards method, path, query, cookies, CSRF header, Host and body to the worker', async () => {
    seen.length = 0;
    const body = JSON.stringify({ prefix: '?' });
    const res = await fetch(`${dashboard.url}/api/guilds/1/settings?x=1&y=%20`, {
      method: 'PATCH',
      headers: {
        cookie: 'ew_session=s1; other=2',
        'x-csrf-token': 'tok',
        'content-type': 'application/json',
        origin: dashboard.url,
      },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-worker')).toBe('yes');
    expect(await res.json()).toEqual({
      method: 'PATCH',
      url: '/api/guilds/1/settings?x=1&y=%20',
      length: body.length,
    });
    const [got] = seen;
    expect(got).toMatchObject({ method: 'PATCH', url: '/api/guilds/1/settings?x=1&y=%20', body });
    expect(got?.headers).toMatchObject({
      cookie: 'ew_session=s1; other=2',
      'x-csrf-token': 'tok',
      'content-type': 'application/json',
      origin: dashboard.url,
      host: new URL(dashboard.url).host,
    });

    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      const answer = await fetch(`${dashboard.url}/api/echo`, {
        method,
        body: method === 'GET' ? undefined : '{"a":1}',
      });
      expect(((await answer.json()) as { method: string }).method).toBe(method);
    }
  });

  it('streams large bodies both ways', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const res = await fetch(`${dashboard.url}/api/upload`, { method: 'POST', body: big });
    expect(((await res.json()) as { length: number }).length).toBe(big.length);
    const streamed = await fetch(`${dashboard.url}/api/stream`);
    expect(await streamed.text()).toBe('one,two');
  });

  it('passes redirects, set-cookie and error answers back unchanged, without following', async () => {
    const login = await fetch(`${dashboard.url}/api/auth/login?next=%2Fguilds%2F123`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('https://discord.com/oauth2/authorize?client_id=1&state=abc');
    expect(login.headers.getSetCookie()).toEqual([
      'ew_state=abc; HttpOnly; Path=/; Max-Age=600',
      'other=1; Path=/',
    ]);
    expect(seen.at(-1)?.url).toBe('/api/auth/login?next=%2Fguilds%2F123');

    const callback = await fetch(`${dashboard.url}/api/auth/callback?code=c&state=abc`, {
      redirect: 'manual',
      headers: { cookie: 'ew_state=abc' },
    });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/guilds/123');
    expect(callback.headers.getSetCookie()).toEqual(['ew_session=s1; HttpOnly; Secure; Path=/']);

    const logout = await fetch(`${dashboard.url}/api/auth/logout`, { method: 'POST' });
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie()).toEqual(['ew_session=; Max-Age=0; Path=/']);

    const conflict = await fetch(`${dashboard.url}/api/guilds/1/backups/9`, { method: 'DELETE' });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ error: 'That backup is pinned.' });
  });

  it('answers 502 with a JSON error when the worker is down', async () => {
    const closed = await fakeApi([]);
    await new Promise((done) => closed.server.close(done));
    const lonely = await startDashboardServer({ port: 0, distDir: dist, apiOrigin: closed.origin });
    try {
      const res = await fetch(`${lonely.url}/api/me`);
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: string }).error).toContain('did not answer');
      expect((await fetch(`${lonely.url}/`)).status).toBe(200);
    } finally {
      await lonely.close();
    }
  });

  it('says so when the dashboard is not built', async () => {
    const emptyDist = mkdtempSync(join(tmpdir(), 'edgeward-empty-'));
    const server = await startDashboardServer({ port: 0, distDir: emptyDist, apiOrigin: api.origin });
    try {
      const res = await fetch(`${server.url}/guilds/1`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run dashboard:build');
    } finally {
      await server.close();
      rmSync(emptyDist, { recursive: true, force: true });
    }
  });
});
