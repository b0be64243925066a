import { z } from 'zod';
import { ControlError } from '../http';

/** Gateway settings (all times in real milliseconds). Defaults are Discord's where Discord documents a number. */
export interface GatewayConfig {
  /** Sent in Hello. Discord commonly sends 41250. */
  heartbeatIntervalMs: number;
  /** No heartbeat within `heartbeatIntervalMs × heartbeatTimeoutFactor` (from Hello or the last one) → close. */
  heartbeatTimeoutFactor: number;
  /** The close code for a missed heartbeat (Discord does not document one; 4009 "Session timed out"). */
  heartbeatTimeoutCode: number;
  /** How long a disconnected session stays resumable. */
  resumeWindowMs: number;
  /** Identify concurrency window per rate-limit key (Discord: 5 s). */
  identifyWindowMs: number;
  /** `max_concurrency`: identifies allowed per window; the key of a shard is `shard_id % maxConcurrency`. */
  maxConcurrency: number;
  /** `shards` in `GET /gateway/bot`. */
  recommendedShards: number;
  /** `session_start_limit.total` (Discord: 1000 per 24 h). */
  sessionStartTotal: number;
  /** The live `session_start_limit.remaining`; setting it changes the budget now. */
  sessionStartRemaining: number;
  /** Dispatches kept per session for replay on resume. */
  replayBufferSize: number;
  /** A shard that would hold more guilds than this is refused with 4011 (Discord: 2500). */
  maxGuildsPerShard: number;
  /** Frames a client may send per connection in 60 s (Discord: 120); more → 4008. */
  sendLimitPer60s: number;
}

export const DEFAULT_GATEWAY_CONFIG: GatewayConfig = {
  heartbeatIntervalMs: 41250,
  heartbeatTimeoutFactor: 1.5,
  heartbeatTimeoutCode: 4009,
  resumeWindowMs: 120_000,
  identifyWindowMs: 5000,
  maxConcurrency: 1,
  recommendedShards: 1,
  sessionStartTotal: 1000,
  sessionStartRemaining: 1000,
  replayBufferSize: 1000,
  maxGuildsPerShard: 2500,
  sendLimitPer60s: 120,
};

/** A close code the emulator may send: 1000, or 3000–4999 (the application range). */
export const closeCode = z
  .number()
  .int()
  .refine((code) => code === 1000 || (code >= 3000 && code <= 4999), {
    message: 'must be 1000 or 3000–4999 (1006 is what a drop looks like: use /gateway/drop)',
  });

const count = z.number().int().min(0);
const positive = z.number().int().min(1);

export const gatewayConfigPatch = z
  .object({
    heartbeatIntervalMs: positive,
    heartbeatTimeoutFactor: z.number().min(1),
    heartbeatTimeoutCode: closeCode,
    resumeWindowMs: count,
    identifyWindowMs: count,
    maxConcurrency: positive,
    recommendedShards: positive,
    sessionStartTotal: count,
    sessionStartRemaining: count,
    replayBufferSize: count,
    maxGuildsPerShard: positive,
    sendLimitPer60s: positive,
  })
  .partial()
  .strict();

export type GatewayConfigPatch = z.infer<typeof gatewayConfigPatch>;

/** Parses a control body with a schema; a mismatch is a 400 naming every bad field. */
export function parseControlBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new ControlError(400, problems.join('; '));
}
