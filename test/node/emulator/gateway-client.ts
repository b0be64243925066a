import { WebSocket } from 'ws';
import type { Emulator } from '../../../emulator/index';
import { DEMO } from './helpers';

/** A gateway frame as received (tests read fields freely). */
export type Frame = { op: number; d: any; s: number | null; t: string | null };

export interface Closed {
  code: number;
  reason: string;
}

/** Intents most tests identify with: GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT. */
export const INTENTS = (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15);

const openClients = new Set<GatewayClient>();

/** For `afterEach`: kills every client a test left open. */
export function destroyClients(): void {
  for (const client of openClients) client.ws.terminate();
  openClients.clear();
}

/**
 * A bare gateway client for tests: every received frame is queued, `next()` takes frames in order (skipping
 * the ones that do not match), and nothing is sent unless the test sends it (no automatic heartbeats).
 */
export class GatewayClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<Closed>;
  lastSeq: number | null = null;
  private cursor = 0;
  private wake: (() => void) | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      if (frame.s !== null) this.lastSeq = frame.s;
      this.frames.push(frame);
      this.wake?.();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake?.();
      });
    });
  }

  static connect(emu: Emulator, options: { path?: string; query?: string } = {}): Promise<GatewayClient> {
    const url = `${emu.url.replace(/^http/, 'ws')}${options.path ?? '/gateway'}${options.query ?? '?v=10&encoding=json'}`;
    const ws = new WebSocket(url);
    const client = new GatewayClient(ws);
    openClients.add(client);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  /** The next frame matching `match` (earlier non-matching frames are skipped); rejects after `timeoutMs`. */
  async next(match: (frame: Frame) => boolean = () => true, timeoutMs = 2000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.frames.length) {
        const frame = this.frames[this.cursor++]!;
        if (match(frame)) return frame;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.ws.readyState === WebSocket.CLOSED)
        throw new Error(`no matching frame; got ${JSON.stringify(this.frames.map((f) => f.t ?? f.op))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  op(op: number, timeoutMs?: number): Promise<Frame> {
    return this.next((f) => f.op === op, timeoutMs);
  }

  dispatch(t: string, timeoutMs?: number): Promise<Frame> {
    return this.next((f) => f.op === 0 && f.t === t, timeoutMs);
  }

  /** Frames received and not yet taken by `next()`. */
  pending(): Frame[] {
    return this.frames.slice(this.cursor);
  }

  send(payload: unknown): void {
    this.ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  heartbeat(d: number | null = this.lastSeq): void {
    this.send({ op: 1, d });
  }

  identify(overrides: Record<string, unknown> = {}): void {
    this.send({
      op: 2,
      d: {
        token: DEMO.botToken,
        intents: INTENTS,
        properties: { os: 'linux', browser: 'edgeward-test', device: 'edgeward-test' },
        ...overrides,
      },
    });
  }

  resume(sessionId: string, seq: number | null, token: string = DEMO.botToken): void {
    this.send({ op: 6, d: { token, session_id: sessionId, seq } });
  }

  /** Waits for the close; rejects if the socket is still open after `timeoutMs`. */
  async closedWithin(timeoutMs = 2000): Promise<Closed> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the connection was not closed')), timeoutMs);
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(code = 1000): Promise<Closed> {
    this.ws.close(code);
    return this.closed;
  }

  /** Kills the socket without a close frame (the server sees 1006). */
  destroy(): Promise<Closed> {
    this.ws.terminate();
    return this.closed;
  }
}

/** Connects, identifies (with `overrides`) and waits for READY. */
export async function identified(
  emu: Emulator,
  overrides: Record<string, unknown> = {},
): Promise<{ client: GatewayClient; ready: Frame }> {
  const client = await GatewayClient.connect(emu);
  await client.op(10);
  client.identify(overrides);
  const ready = await client.dispatch('READY');
  return { client, ready };
}
