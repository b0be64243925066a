import { WebSocket } from 'ws';
import type { GatewaySession } from './session';

export type GatewayPath = '/gateway' | '/resume-gateway';

/** One entry per close, from either side (`GET /__emulator/gateway/sessions` → `closes`). */
export interface CloseRecord {
  connection: number;
  session_id: string | null;
  shard: [number, number] | null;
  by: 'server' | 'client';
  code: number;
  reason: string;
  at: number;
}

/** Frames the server sends besides dispatches (`s` and `t` are null for them). */
export interface ControlFrame {
  op: number;
  d: unknown;
}

/** How long a server-initiated close waits for the client's close frame before the socket is destroyed. */
const CLOSE_HANDSHAKE_MS = 2000;

/**
 * One WebSocket connection: sending, closing (server side), timers that die with it, the heartbeat deadline and
 * the client's send rate. The protocol (what frames mean) is in `protocol.ts`.
 */
export class GatewayConnection {
  readonly openedAt = Date.now();
  /** The `heartbeat_interval` this connection's Hello carried. */
  heartbeatIntervalMs = 0;
  session: GatewaySession | undefined;
  /** Identify or Resume accepted on this connection (a second one is 4005). */
  authenticated = false;
  /** Heartbeats received on this connection (those before identify/resume are added to the session then). */
  heartbeatsReceived = 0;
  lastHeartbeatAt: number | null = null;
  framesReceived = 0;
  /** Set once either side started closing: later frames are ignored. */
  closing: { by: 'server' | 'client'; code: number } | undefined;
  private readonly sentAt: number[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private heartbeatDeadline: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    readonly path: GatewayPath,
    private readonly ws: WebSocket,
    private readonly closeLog: () => CloseRecord[],
  ) {}

  get open(): boolean {
    return this.closing === undefined && this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: ControlFrame): void {
    this.sendRaw(JSON.stringify({ op: frame.op, d: frame.d, s: null, t: null }));
  }

  sendRaw(frame: string): void {
    if (this.open) this.ws.send(frame);
  }

  /** Closes with a close frame (the client sees `code`). Only the first close counts. */
  close(code: number, reason: string): void {
    if (this.closing) return;
    this.record('server', code, reason);
    this.ws.close(code, reason.slice(0, 120));
    this.later(CLOSE_HANDSHAKE_MS, () => this.ws.terminate());
  }

  /** Destroys the TCP socket without a close frame: the client sees 1006. */
  drop(): void {
    if (this.closing) return;
    this.record('server', 1006, 'dropped');
    this.ws.terminate();
  }

  /** The client closed (or the socket died) before the server did. */
  closedByClient(code: number, reason: string): void {
    if (!this.closing) this.record('client', code, reason);
    this.dispose();
  }

  /** Runs `fn` after `ms` unless the connection is gone by then. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  /** (Re)starts the countdown to the next heartbeat. */
  expectHeartbeatWithin(ms: number, onMissed: () => void): void {
    if (this.heartbeatDeadline) {
      clearTimeout(this.heartbeatDeadline);
      this.timers.delete(this.heartbeatDeadline);
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      onMissed();
    }, ms);
    this.heartbeatDeadline = timer;
    this.timers.add(timer);
  }

  /** Counts a frame from the client; true when it is over `limit` frames in the last 60 s. */
  countFrame(now: number, limit: number): boolean {
    this.framesReceived += 1;
    this.sentAt.push(now);
    while (this.sentAt.length > 0 && now - this.sentAt[0]! >= 60_000) this.sentAt.shift();
    return this.sentAt.length > limit;
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Stops everything at once (emulator shutdown). */
  terminate(): void {
    this.closing ??= { by: 'server', code: 1006 };
    this.dispose();
    this.ws.terminate();
  }

  view() {
    return {
      id: this.id,
      path: this.path,
      session_id: this.session?.id ?? null,
      shard: this.session?.shard ?? null,
      openedAt: this.openedAt,
      framesReceived: this.framesReceived,
      heartbeatsReceived: this.heartbeatsReceived,
      lastHeartbeatAt: this.lastHeartbeatAt,
    };
  }

  private record(by: 'server' | 'client', code: number, reason: string): void {
    this.closing = { by, code };
    if (this.session) {
      if (by === 'server') this.session.closeCodesSent.push(code);
      else this.session.closeCodesReceived.push(code);
    }
    this.closeLog().push({
      connection: this.id,
      session_id: this.session?.id ?? null,
      shard: this.session?.shard ?? null,
      by,
      code,
      reason,
      at: Date.now(),
    });
  }
}
