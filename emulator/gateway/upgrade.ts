import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { EmulatorContext } from '../context';
import { GatewayConnection, type GatewayPath } from './connection';
import { handleClosed, handleFrame, startConnection } from './protocol';

/**
 * The HTTP `upgrade` event of the emulator's server: `/gateway` and `/resume-gateway` become gateway
 * connections (unless an injected upgrade failure answers first); any other path is a 404.
 */
export function handleUpgrade(
  ctx: EmulatorContext,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  socket.on('error', () => socket.destroy());
  const url = new URL(req.url ?? '/', 'http://emulator.local');
  const path = url.pathname.replace(/\/+$/, '');
  if (path !== '/gateway' && path !== '/resume-gateway') {
    refuse(socket, 404, { message: '404: Not Found', code: 0 });
    return;
  }
  const failure = ctx.gateway.upgradeFailures.shift();
  if (failure) {
    const headers: Record<string, string> = {};
    if (failure.retryAfter !== undefined) headers['Retry-After'] = String(failure.retryAfter);
    refuse(
      socket,
      failure.status,
      { message: `${failure.status}: ${STATUS_CODES[failure.status]}`, code: 0 },
      headers,
    );
    return;
  }
  ctx.gateway.wss.handleUpgrade(req, socket, head, (ws) => accept(ctx, ws, path, url.searchParams));
}

function accept(ctx: EmulatorContext, ws: WebSocket, path: GatewayPath, query: URLSearchParams): void {
  const gateway = ctx.gateway;
  const conn = new GatewayConnection(gateway.newConnectionId(), path, ws, () => gateway.closeLog);
  gateway.connections.add(conn);
  ws.on('message', (data) => handleFrame(ctx, conn, toBuffer(data)));
  ws.on('close', (code, reason) => handleClosed(ctx, conn, code, reason.toString('utf8')));
  ws.on('error', () => {
    // a 'close' event always follows
  });
  const problem = queryProblem(query);
  if (problem) conn.close(4012, problem);
  else startConnection(ctx, conn);
}

/** `v` must be 10; `encoding` json (or absent); no transport compression. Otherwise the connection closes 4012. */
function queryProblem(query: URLSearchParams): string | null {
  if (query.get('v') !== '10') return 'Invalid API version (the emulator serves v=10).';
  const encoding = query.get('encoding');
  if (encoding === 'etf') return 'emulator: etf encoding is not supported';
  if (encoding !== null && encoding !== 'json') return `Invalid encoding ${encoding}.`;
  if (query.has('compress')) return 'emulator: transport compression is not supported';
  return null;
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}

function refuse(socket: Duplex, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(text)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${text}`);
}
