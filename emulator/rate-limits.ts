import { createHash } from 'node:crypto';
import { json, type Reply } from './http';

/**
 * REST rate limits (`developers/topics/rate-limits.mdx`): per-route buckets keyed by (bucket hash, major parameter,
 * caller), a global per-token limit, and injected 429s. Limits run on real time (not the emulator's shifted clock),
 * so the `X-RateLimit-Reset` epoch matches the caller's clock.
 */
export type BucketName =
  | 'messageCreate'
  | 'commands'
  | 'gatewayBot'
  | 'emojis'
  | 'roleCreate'
  | 'channelCreate'
  | 'emojiCreate'
  | 'memberUpdate'
  | 'bulkBan'
  | 'reaction'
  | 'default';
export type Scope = 'user' | 'global' | 'shared';

export interface BucketLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  buckets: Record<BucketName, BucketLimit>;
  globalPerSecond: number;
}

export function defaultRateLimitConfig(): RateLimitConfig {
  return {
    buckets: {
      messageCreate: { limit: 5, windowMs: 5000 },
      commands: { limit: 5, windowMs: 20000 },
      gatewayBot: { limit: 2, windowMs: 5000 },
      emojis: { limit: 50, windowMs: 1000 },
      // Guild writes a restore makes in bulk: small per-guild buckets so clients meet real 429s.
      roleCreate: { limit: 10, windowMs: 10_000 },
      channelCreate: { limit: 10, windowMs: 10_000 },
      emojiCreate: { limit: 5, windowMs: 10_000 },
      memberUpdate: { limit: 10, windowMs: 10_000 },
      bulkBan: { limit: 5, windowMs: 10_000 },
      // Discord's reaction routes allow about one request per 0.25 s per channel.
      reaction: { limit: 1, windowMs: 250 },
      default: { limit: 50, windowMs: 1000 },
    },
    globalPerSecond: 50,
  };
}

export interface ForcedRateLimit {
  method?: string;
  path: string;
  scope: Scope;
  /** Seconds (float), as in Discord's `retry_after`. */
  retryAfter: number;
  count: number;
}

/** Which bucket a request falls in: `name` picks the limit; `key` distinguishes routes sharing a limit. */
export interface BucketRef {
  name: BucketName;
  key: string;
  major: string;
  identity: string;
}

interface Window {
  count: number;
  resetAt: number;
}

const RATE_LIMITED = 'You are being rate limited.';
const SHARED_LIMITED = 'The resource is being rate limited.';

export function bucketHash(name: BucketName, key: string): string {
  const seed = name === 'default' ? `default ${key}` : name;
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

export class RateLimiter {
  private windows = new Map<string, Window>();
  private globals = new Map<string, Window>();
  private forced: ForcedRateLimit[] = [];

  constructor(public config: RateLimitConfig = defaultRateLimitConfig()) {}

  reset(): void {
    this.windows.clear();
    this.globals.clear();
    this.forced = [];
  }

  force(rule: ForcedRateLimit): void {
    this.forced.push(rule);
  }

  /** Takes one use of a forced 429 matching the request, if any. */
  takeForced(method: string, path: string): ForcedRateLimit | undefined {
    const rule = this.forced.find(
      (r) => r.count > 0 && path.includes(r.path) && (!r.method || r.method.toUpperCase() === method),
    );
    if (!rule) return undefined;
    rule.count -= 1;
    if (rule.count <= 0) this.forced.splice(this.forced.indexOf(rule), 1);
    return rule;
  }

  /** Counts a request against the global limit; returns the 429 when over it. */
  consumeGlobal(identity: string, now = Date.now()): Reply | null {
    const window = this.window(this.globals, identity, 1000, now);
    if (window.count >= this.config.globalPerSecond) return globalReply((window.resetAt - now) / 1000);
    window.count += 1;
    return null;
  }

  /** Counts a request against its route bucket. Returns the route headers, or the 429 when over the limit. */
  consume(ref: BucketRef, now = Date.now()): { headers: Record<string, string>; limited: Reply | null } {
    const { limit, windowMs } = this.config.buckets[ref.name];
    const window = this.window(this.windows, windowKey(ref), windowMs, now);
    if (window.count >= limit) {
      const headers = this.headersFor(ref, window, now);
      const retryAfter = (window.resetAt - now) / 1000;
      return { headers, limited: userReply(retryAfter, headers, 'user') };
    }
    window.count += 1;
    return { headers: this.headersFor(ref, window, now), limited: null };
  }

  /** The 429 for a forced rule. Shared and user scopes carry the route headers as they stand (no use taken). */
  forcedReply(rule: ForcedRateLimit, ref: BucketRef | null, now = Date.now()): Reply {
    if (rule.scope === 'global') return globalReply(rule.retryAfter);
    const headers = ref ? this.peekHeaders(ref, now) : {};
    return userReply(rule.retryAfter, headers, rule.scope);
  }

  peekHeaders(ref: BucketRef, now = Date.now()): Record<string, string> {
    const { windowMs } = this.config.buckets[ref.name];
    return this.headersFor(ref, this.window(this.windows, windowKey(ref), windowMs, now), now);
  }

  private headersFor(ref: BucketRef, window: Window, now: number): Record<string, string> {
    const { limit } = this.config.buckets[ref.name];
    return {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - window.count)),
      'X-RateLimit-Reset': seconds(window.resetAt),
      'X-RateLimit-Reset-After': seconds(window.resetAt - now),
      'X-RateLimit-Bucket': bucketHash(ref.name, ref.key),
    };
  }

  private window(map: Map<string, Window>, key: string, windowMs: number, now: number): Window {
    let window = map.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      map.set(key, window);
    }
    return window;
  }
}

function windowKey(ref: BucketRef): string {
  return `${bucketHash(ref.name, ref.key)}:${ref.major}:${ref.identity}`;
}

function round3(value: number): number {
  return Math.round(Math.max(0, value) * 1000) / 1000;
}

function userReply(
  retryAfter: number,
  routeHeaders: Record<string, string>,
  scope: 'user' | 'shared',
): Reply {
  const retry = round3(retryAfter);
  return json(
    429,
    { message: scope === 'shared' ? SHARED_LIMITED : RATE_LIMITED, retry_after: retry, global: false },
    { ...routeHeaders, 'Retry-After': String(Math.ceil(retry)), 'X-RateLimit-Scope': scope },
  );
}

function globalReply(retryAfter: number): Reply {
  const retry = round3(retryAfter);
  return json(
    429,
    { message: RATE_LIMITED, retry_after: retry, global: true },
    { 'Retry-After': String(Math.ceil(retry)), 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' },
  );
}
