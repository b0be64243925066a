import type { GatewayConnection } from './connection';

/** A dispatch as sent: kept per session so a resume can replay it byte for byte. */
interface BufferedDispatch {
  s: number;
  t: string;
  frame: string;
}

export type SessionStatus = 'connected' | 'resumable' | 'expired' | 'invalidated';

export interface SessionInit {
  id: string;
  shard: [number, number];
  intents: number;
  properties: unknown;
  presence: unknown;
  largeThreshold: number;
  now: number;
}

/**
 * A gateway session: created by an accepted Identify, carried across connections by Resume. It outlives its
 * connection (events addressed to it are buffered) until it is invalidated or its resume window runs out.
 */
export class GatewaySession {
  readonly id: string;
  readonly shard: [number, number];
  readonly intents: number;
  readonly properties: unknown;
  readonly largeThreshold: number;
  readonly createdAt: number;
  presence: unknown;
  /** The last `s` given out. */
  seq = 0;
  connection: GatewayConnection | undefined;
  invalidated = false;
  disconnectedAt: number | null = null;
  /** Connections that carried this session (the identify's, then one per resume). */
  connects = 0;
  resumes = 0;
  heartbeatsReceived = 0;
  lastHeartbeatAt: number | null = null;
  /** The `d` of the last heartbeat, and how many heartbeats carried something other than the last `s` sent. */
  lastHeartbeatSeq: number | null = null;
  heartbeatSeqMismatches = 0;
  closeCodesSent: number[] = [];
  closeCodesReceived: number[] = [];
  /** Whether the last resume came in on `/resume-gateway` (null: never resumed). */
  usedResumeUrl: boolean | null = null;
  private buffer: BufferedDispatch[] = [];

  constructor(init: SessionInit) {
    this.id = init.id;
    this.shard = init.shard;
    this.intents = init.intents;
    this.properties = init.properties;
    this.presence = init.presence;
    this.largeThreshold = init.largeThreshold;
    this.createdAt = init.now;
  }

  status(now: number, resumeWindowMs: number): SessionStatus {
    if (this.invalidated) return 'invalidated';
    if (this.connection) return 'connected';
    if (this.disconnectedAt !== null && now - this.disconnectedAt > resumeWindowMs) return 'expired';
    return 'resumable';
  }

  /** Connected, or disconnected but still resumable: events addressed to it are kept. */
  isLive(now: number, resumeWindowMs: number): boolean {
    const status = this.status(now, resumeWindowMs);
    return status === 'connected' || status === 'resumable';
  }

  /** Gives the event the next `s`, keeps it for replay, and sends it if a connection carries the session. */
  dispatch(t: string, d: unknown, bufferSize: number): number {
    this.seq += 1;
    const frame = JSON.stringify({ op: 0, d, s: this.seq, t });
    this.buffer.push({ s: this.seq, t, frame });
    if (this.buffer.length > bufferSize) this.buffer.splice(0, this.buffer.length - bufferSize);
    this.connection?.sendRaw(frame);
    return this.seq;
  }

  /** The frames after `seq`, in order; `null` when `seq` is ahead of the session or older than the buffer. */
  framesAfter(seq: number): string[] | null {
    if (seq > this.seq) return null;
    if (seq === this.seq) return [];
    const first = this.buffer[0];
    if (!first || first.s > seq + 1) return null;
    return this.buffer.filter((entry) => entry.s > seq).map((entry) => entry.frame);
  }

  /** The connection went away without invalidating the session. */
  detach(now: number): void {
    this.connection = undefined;
    this.disconnectedAt = now;
  }

  invalidate(): void {
    this.invalidated = true;
    this.connection = undefined;
    this.buffer = [];
  }

  /** What `GET /__emulator/gateway/sessions` shows. */
  view(now: number, resumeWindowMs: number, identifies: number) {
    return {
      session_id: this.id,
      shard: this.shard,
      intents: this.intents,
      seq: this.seq,
      status: this.status(now, resumeWindowMs),
      connected: this.connection !== undefined,
      connection: this.connection?.id ?? null,
      createdAt: this.createdAt,
      disconnectedAt: this.disconnectedAt,
      lastHeartbeatAt: this.lastHeartbeatAt,
      heartbeatsReceived: this.heartbeatsReceived,
      lastHeartbeatSeq: this.lastHeartbeatSeq,
      heartbeatSeqMismatches: this.heartbeatSeqMismatches,
      identifies,
      connects: this.connects,
      resumes: this.resumes,
      closeCodesSent: [...this.closeCodesSent],
      closeCodesReceived: [...this.closeCodesReceived],
      usedResumeUrl: this.usedResumeUrl,
      bufferedDispatches: this.buffer.length,
      properties: this.properties,
      presence: this.presence,
    };
  }
}
