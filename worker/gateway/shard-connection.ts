import {
  GatewayDispatchEvents,
  type GatewayDispatchPayload,
  GatewayOpcodes,
  type GatewayReceivePayload,
} from 'discord-api-types/v10';
import {
  backoffMs,
  CLOSE_STOP,
  CLOSE_TO_RESUME,
  CLOSE_ZOMBIE,
  closeAction,
  fatalReason,
} from './close-policy';
import { GuildTracker } from './guild-tracker';
import type { DispatchInfo } from './hook-events';
import {
  freshMetrics,
  markDown,
  markUp,
  recordError,
  recordLatency,
  type ShardMetrics,
} from './shard-metrics';
import type { IdentifySlot, ShardOptions, StoredSession } from './shard-options';

export type { IdentifySlot, ShardOptions, ShardPersistence, StoredSession } from './shard-options';

/** The longest an identify waits for its slot with the socket open; longer waits reconnect later. */
const MAX_SLOT_WAIT_MS = 15_000;

/**
 * One shard's gateway connection: Hello, heartbeats with jitter and ACK tracking (a missing ACK is a
 * zombie: close and resume), Identify through the coordinator's slots, Resume with the stored session,
 * op 7 and op 9, and every close code as documented. Timers drive heartbeats; the owning Durable Object's
 * alarm calls `watchdog()` to keep it alive and catch what timers miss (an eviction loses them).
 */
export class ShardConnection {
  readonly metrics: ShardMetrics;
  private ws: WebSocket | null = null;
  /** Increases with every socket, so that events of a replaced socket are ignored. */
  private generation = 0;
  private connecting = false;
  private session: StoredSession | null = null;
  private loaded = false;
  private heartbeatTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatInterval = 41_250;
  private lastHeartbeatAt = 0;
  private awaitingAck = false;
  private readonly guilds = new GuildTracker();
  private seqSaved: number | null = null;
  private stopped = false;
  /** When the shard may try to connect again (backoff, a refused handshake, a long identify wait). */
  nextAttemptAt = 0;
  bot: { id: string; name: string } | null = null;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: ShardOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.metrics = options.metrics ?? freshMetrics(options.shardId, options.shardCount, this.now());
  }

  get connected() {
    return this.ws !== null;
  }

  get sessionId() {
    return this.session?.id ?? null;
  }

  get seq() {
    return this.session?.seq ?? null;
  }

  /** Connects unless connected, connecting, stopped for good or backing off. */
  async start(): Promise<void> {
    if (!this.loaded) {
      this.session = await this.options.persistence.loadSession();
      this.seqSaved = this.session?.seq ?? null;
      this.loaded = true;
    }
    if (this.stopped || this.metrics.fatal || this.ws || this.connecting) return;
    if (this.now() < this.nextAttemptAt) return;
    await this.connect();
  }

  /** Called by the alarm: restarts a lost connection, kills a zombie, flushes the sequence. */
  async watchdog(): Promise<void> {
    if (this.ws && this.awaitingAck && this.now() - this.lastHeartbeatAt > this.heartbeatInterval + 10_000) {
      this.zombie();
    }
    await this.flushSeq();
    await this.start();
  }

  /** Closes for good (1000: the session ends); `start` after `resetFatal` or a new object connects again. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    this.closeSocket(CLOSE_STOP, 'stopping');
    this.session = null;
    await this.options.persistence.saveSession(null);
    this.metrics.state = 'stopped';
  }

  /** Undoes `stop` (not a fatal stop): the next `start` connects. */
  unstop() {
    this.stopped = false;
    this.nextAttemptAt = 0;
  }

  /** Clears a fatal stop (after the configuration was fixed) so that the next `start` connects. */
  resetFatal() {
    this.metrics.fatal = null;
    this.stopped = false;
    this.nextAttemptAt = 0;
  }

  private async connect(): Promise<void> {
    this.connecting = true;
    const resuming = this.session !== null;
    this.metrics.state = resuming ? 'resuming' : 'connecting';
    try {
      const base = resuming ? (this.session as StoredSession).resumeUrl : await this.options.gatewayUrl();
      const url = new URL(base.replace(/^ws/, 'http'));
      url.searchParams.set('v', '10');
      url.searchParams.set('encoding', 'json');
      const res = await fetch(url.toString(), { headers: { Upgrade: 'websocket' } });
      const ws = res.webSocket;
      if (!ws) {
        const retryAfter = Number(res.headers.get('retry-after'));
        this.failed(
          `the gateway refused the connection (HTTP ${res.status})`,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
        );
        return;
      }
      ws.accept();
      const generation = ++this.generation;
      this.ws = ws;
      ws.addEventListener('message', (event) => {
        if (generation === this.generation) this.onFrame(event.data, resuming);
      });
      ws.addEventListener('close', (event) => {
        if (generation === this.generation) this.onClosed(event.code, event.reason);
      });
      ws.addEventListener('error', () => {
        if (generation === this.generation) this.onClosed(1006, 'socket error');
      });
    } catch (error) {
      this.failed(`could not reach the gateway: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.connecting = false;
    }
  }

  /** A connection attempt that never got a socket: try again after a backoff (or Discord's Retry-After). */
  private failed(message: string, retryAfterMs?: number) {
    this.metrics.consecutiveFailures++;
    recordError(this.metrics, message, this.now());
    this.metrics.state = 'waiting';
    this.reconnectAfter(retryAfterMs ?? backoffMs(this.metrics.consecutiveFailures, this.random()));
  }

  /**
   * Connects again after `delayMs`. The timer is the attempt: it does not ask the clock again, because a
   * Worker's clock only moves at I/O and may read a little before `nextAttemptAt` when the timer fires
   * (which used to leave the shard waiting for the next alarm, 40 s later). `nextAttemptAt` keeps the alarm
   * and other callers from connecting early meanwhile.
   */
  private reconnectAfter(delayMs: number) {
    const delay = Math.ceil(delayMs);
    this.nextAttemptAt = this.now() + delay;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.nextAttemptAt = 0;
      void this.start();
    }, delay);
  }

  private send(payload: unknown): boolean {
    if (!this.ws) return false;
    try {
      this.ws.send(JSON.stringify(payload));
      return true;
    } catch (error) {
      recordError(this.metrics, `send failed: ${String(error)}`, this.now());
      return false;
    }
  }

  /** Sends a payload of the owner's (a presence update) on a session that is ready. */
  sendPayload(payload: unknown): boolean {
    return this.metrics.state === 'ready' && this.send(payload);
  }

  private onFrame(data: unknown, resuming: boolean) {
    let payload: GatewayReceivePayload;
    try {
      payload = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer));
    } catch {
      recordError(this.metrics, 'the gateway sent a frame that is not JSON', this.now());
      return;
    }
    this.metrics.lastEventAt = this.now();
    switch (payload.op) {
      case GatewayOpcodes.Hello:
        this.metrics.connects++;
        this.metrics.lastConnectAt = this.now();
        this.heartbeatInterval = payload.d.heartbeat_interval;
        this.scheduleHeartbeat(this.heartbeatInterval * this.random());
        if (resuming && this.session) {
          this.send({
            op: GatewayOpcodes.Resume,
            d: { token: this.options.token, session_id: this.session.id, seq: this.session.seq },
          });
        } else void this.identify();
        return;
      case GatewayOpcodes.HeartbeatAck:
        if (this.awaitingAck) recordLatency(this.metrics, this.now() - this.lastHeartbeatAt);
        this.awaitingAck = false;
        void this.flushSeq();
        return;
      case GatewayOpcodes.Heartbeat:
        this.beat();
        return;
      case GatewayOpcodes.Reconnect:
        this.metrics.reconnectRequests++;
        this.closeSocket(CLOSE_TO_RESUME, 'reconnect requested');
        this.afterClose(CLOSE_TO_RESUME, 0);
        return;
      case GatewayOpcodes.InvalidSession:
        this.metrics.invalidSessions++;
        if (!payload.d) void this.dropSession();
        this.closeSocket(CLOSE_TO_RESUME, 'invalid session');
        // Discord: wait 1 to 5 seconds before identifying or resuming again.
        this.afterClose(CLOSE_TO_RESUME, 1000 + this.random() * 4000);
        return;
      case GatewayOpcodes.Dispatch:
        this.onDispatch(payload);
        return;
    }
  }

  private onDispatch(payload: GatewayDispatchPayload) {
    if (this.session) this.session.seq = payload.s;
    const m = this.metrics;
    m.lastEventType = payload.t;
    const info: DispatchInfo = { guildJoined: false, guildLeft: false, dispatchId: null };
    switch (payload.t) {
      case GatewayDispatchEvents.Ready: {
        const d = payload.d;
        this.session = { id: d.session_id, resumeUrl: d.resume_gateway_url, seq: payload.s };
        this.bot = { id: d.user.id, name: d.user.global_name ?? d.user.username };
        m.guilds = this.guilds.ready(d.guilds.map((g) => g.id));
        m.identifies++;
        markUp(m, this.now());
        void this.options.persistence.saveSession(this.session);
        this.seqSaved = payload.s;
        void this.options.persistence.saveMetrics(m);
        break;
      }
      case GatewayDispatchEvents.Resumed:
        m.resumes++;
        markUp(m, this.now());
        void this.options.persistence.saveMetrics(m);
        break;
      case GatewayDispatchEvents.GuildCreate:
        if (this.guilds.created(payload.d.id)) {
          m.guildsJoined++;
          info.guildJoined = true;
        }
        m.guilds = this.guilds.size;
        break;
      case GatewayDispatchEvents.GuildDelete:
        if (!payload.d.unavailable && this.guilds.removed(payload.d.id)) m.guildsLeft++;
        // Removed, not an outage (even when this object, rebuilt after an eviction, never saw the guild).
        info.guildLeft = !payload.d.unavailable;
        m.guilds = this.guilds.size;
        break;
      case GatewayDispatchEvents.MessageCreate:
        m.messages++;
        break;
    }
    if (this.session) info.dispatchId = `${this.session.id}:${payload.s}`;
    this.options.onDispatch(payload, info);
  }

  private async identify(): Promise<void> {
    const generation = this.generation;
    for (;;) {
      const slot = await this.options
        .acquireIdentify()
        .catch((error): IdentifySlot => ({ ok: false, waitMs: 5000, reason: String(error) }));
      if (generation !== this.generation || !this.ws) return;
      if (slot.ok) {
        this.metrics.sessionStartsRemaining = slot.remaining;
        this.metrics.state = 'identifying';
        this.send({
          op: GatewayOpcodes.Identify,
          d: {
            token: this.options.token,
            intents: this.options.intents,
            properties: { os: 'cloudflare-workers', browser: 'edgeward', device: 'edgeward' },
            shard: [this.options.shardId, this.options.shardCount],
          },
        });
        return;
      }
      this.metrics.state = 'waiting';
      if (slot.waitMs > MAX_SLOT_WAIT_MS) {
        // Do not hold a socket open for long: come back when the slot (or the budget) is there.
        recordError(this.metrics, `identify postponed: ${slot.reason}`, this.now());
        this.closeSocket(CLOSE_TO_RESUME, 'waiting for an identify slot');
        this.afterClose(CLOSE_TO_RESUME, slot.waitMs, false);
        return;
      }
      await new Promise((r) => setTimeout(r, slot.waitMs));
    }
  }

  private scheduleHeartbeat(delay: number) {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => {
      if (this.awaitingAck) {
        this.zombie();
        return;
      }
      this.beat();
      this.scheduleHeartbeat(this.heartbeatInterval);
    }, delay);
  }

  private beat() {
    this.lastHeartbeatAt = this.now();
    this.awaitingAck = true;
    this.send({ op: GatewayOpcodes.Heartbeat, d: this.session?.seq ?? null });
  }

  /** No ACK for the last heartbeat: the connection is dead even if the socket looks open. */
  private zombie() {
    this.metrics.zombieKills++;
    this.closeSocket(CLOSE_ZOMBIE, 'no heartbeat ACK');
    this.afterClose(CLOSE_ZOMBIE, 0);
  }

  private async flushSeq() {
    const s = this.session;
    if (!s || s.seq === this.seqSaved) return;
    this.seqSaved = s.seq;
    await this.options.persistence.saveSession(s);
  }

  private async dropSession() {
    this.session = null;
    this.seqSaved = null;
    await this.options.persistence.saveSession(null);
  }

  /** Closes the current socket without waiting for its close event (the generation moves on). */
  private closeSocket(code: number, reason: string) {
    const ws = this.ws;
    this.ws = null;
    this.generation++;
    this.awaitingAck = false;
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
    try {
      ws?.close(code, reason);
    } catch {
      // already closed
    }
  }

  /** Discord (or the network) closed the connection. */
  private onClosed(code: number, reason: string) {
    this.ws = null;
    this.generation++;
    this.awaitingAck = false;
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
    const action = closeAction(code);
    if (action === 'fatal') {
      markDown(this.metrics, code, this.now());
      this.metrics.fatal = fatalReason(code) ?? `closed with ${code}`;
      this.metrics.state = 'stopped';
      recordError(
        this.metrics,
        `closed ${code}${reason ? ` (${reason})` : ''}: ${this.metrics.fatal}`,
        this.now(),
      );
      void this.dropSession();
      void this.options.persistence.saveMetrics(this.metrics);
      return;
    }
    if (action === 'identify') void this.dropSession();
    this.metrics.consecutiveFailures++;
    if (reason) recordError(this.metrics, `closed ${code}: ${reason}`, this.now());
    this.afterClose(code, backoffMs(this.metrics.consecutiveFailures, this.random()));
  }

  /** Bookkeeping after a close, then a reconnect after `delayMs`. */
  private afterClose(code: number, delayMs: number, countAsDisconnect = true) {
    if (countAsDisconnect) markDown(this.metrics, code, this.now());
    this.metrics.state = 'waiting';
    this.reconnectAfter(delayMs);
  }

  private clearTimers() {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.heartbeatTimer = null;
    this.reconnectTimer = null;
  }
}
