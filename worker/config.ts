import { z } from 'zod';
import type { Env } from './env';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const intInRange = (min: number, max: number) =>
  z.coerce.number().int(`must be a whole number`).min(min).max(max);

/** One schema for every variable the worker reads: the single source of truth for validation. */
export const configSchema = z
  .object({
    DISCORD_APPLICATION_ID: snowflake,
    DISCORD_PUBLIC_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (the Ed25519 public key)'),
    DISCORD_TOKEN: z.string().min(1, 'is required'),
    BOT_OWNER_ID: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(snowflake)),
    DISCORD_API_BASE: z
      .url('must be a URL such as https://discord.com/api/v10')
      .default('https://discord.com/api/v10')
      .transform((v) => v.replace(/\/+$/, '')),
    DEFAULT_PREFIX: z
      .string()
      .default('!')
      .pipe(z.string().min(1).max(5).regex(/^\S+$/, 'must not contain spaces')),
    ALLOW_MENTION_PREFIX: flag.default(true),
    SLASH_SAFE_LIMIT: intInRange(1, 100).default(95),
    SLASH_WARNING_LIMIT: intInRange(1, 100).default(90),
    SIGNATURE_MAX_AGE_SECONDS: intInRange(5, 3600).default(300),
    DISCORD_CDN_BASE: z
      .url('must be a URL such as https://cdn.discordapp.com')
      .default('https://cdn.discordapp.com')
      .transform((v) => v.replace(/\/+$/, '')),
    BACKUP_MAX_PER_GUILD: intInRange(1, 1000).default(25),
    BACKUP_COOLDOWN: intInRange(0, 86_400).default(300),
    BACKUP_RETENTION_DAYS: intInRange(0, 3650).default(0),
    BACKUP_AUTO_KEEP: intInRange(1, 100).default(7),
    BACKUP_EXPORT_ALLOW_ADMINS: flag.default(false),
    EXPORT_SIGNING_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    GATEWAY_ENABLED: flag.default(true),
    SHARD_COUNT: intInRange(1, 4096).optional(),
    SHARDS_PER_CLUSTER: intInRange(1, 256).default(4),
    GATEWAY_MESSAGE_CONTENT: flag.default(true),
    GATEWAY_MEMBERS_INTENT: flag.default(false),
    SHARD_ALERT_THRESHOLD: intInRange(1, 20).default(3),
    DISCORD_CLIENT_SECRET: z.string().min(8, 'must be the OAuth2 client secret').optional(),
    DASHBOARD_URL: z
      .url('must be the dashboard URL, such as https://edgeward.pages.dev')
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    DISCORD_WEB_BASE: z
      .url('must be a URL such as https://discord.com')
      .default('https://discord.com')
      .transform((u) => u.replace(/\/+$/, '')),
    REST_INVALID_BUDGET: intInRange(10, 9_000).default(1_000),
    DIAGNOSTICS_METRICS: flag.default(true),
  })
  .transform((v) => ({
    applicationId: v.DISCORD_APPLICATION_ID,
    publicKey: v.DISCORD_PUBLIC_KEY.toLowerCase(),
    token: v.DISCORD_TOKEN,
    ownerIds: v.BOT_OWNER_ID,
    apiBase: v.DISCORD_API_BASE,
    defaultPrefix: v.DEFAULT_PREFIX,
    allowMentionPrefix: v.ALLOW_MENTION_PREFIX,
    slashSafeLimit: v.SLASH_SAFE_LIMIT,
    slashWarningLimit: Math.min(v.SLASH_WARNING_LIMIT, v.SLASH_SAFE_LIMIT),
    signatureMaxAgeSeconds: v.SIGNATURE_MAX_AGE_SECONDS,
    cdnBase: v.DISCORD_CDN_BASE,
    backups: {
      maxPerGuild: v.BACKUP_MAX_PER_GUILD,
      cooldownSeconds: v.BACKUP_COOLDOWN,
      retentionDays: v.BACKUP_RETENTION_DAYS,
      autoKeep: v.BACKUP_AUTO_KEEP,
      exportAllowAdmins: v.BACKUP_EXPORT_ALLOW_ADMINS,
    },
    /** Invalid requests per 10 minutes after which background work waits (Discord bans at 10,000). */
    restInvalidBudget: v.REST_INVALID_BUDGET,
    /** Command outcomes, latency and REST errors recorded in D1 after each reply (see docs/diagnostics.md). */
    diagnostics: { metrics: v.DIAGNOSTICS_METRICS },
    exportSigningSecret: v.EXPORT_SIGNING_SECRET ?? `token:${v.DISCORD_TOKEN}`,
    dashboard: {
      /** Login works only with the client secret; without it the dashboard API answers 503. */
      clientSecret: v.DISCORD_CLIENT_SECRET ?? null,
      /** Where the dashboard is served (its origin also serves /api/*); null = the request's own origin. */
      url: v.DASHBOARD_URL ?? null,
      webBase: v.DISCORD_WEB_BASE,
    },
    gateway: {
      enabled: v.GATEWAY_ENABLED,
      /** Fixed shard count; absent = Discord's recommendation from GET /gateway/bot. */
      shardCount: v.SHARD_COUNT ?? null,
      shardsPerCluster: v.SHARDS_PER_CLUSTER,
      messageContent: v.GATEWAY_MESSAGE_CONTENT,
      membersIntent: v.GATEWAY_MEMBERS_INTENT,
      alertThreshold: v.SHARD_ALERT_THRESHOLD,
    },
  }));

export type Config = z.output<typeof configSchema>;
export interface ConfigProblem {
  variable: string;
  message: string;
}
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

const cache = new WeakMap<object, ConfigResult>();

/** Validates the environment once per env object. Empty strings count as unset. */
export function loadConfig(env: Env): ConfigResult {
  const hit = cache.get(env);
  if (hit) return hit;
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.in.shape)) {
    const value = (env as unknown as Record<string, unknown>)[key];
    raw[key] = typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }
  const parsed = configSchema.safeParse(raw);
  const result: ConfigResult = parsed.success
    ? { ok: true, config: parsed.data }
    : {
        ok: false,
        problems: parsed.error.issues.map((issue) => ({
          variable: String(issue.path[0] ?? 'env'),
          message:
            issue.code === 'invalid_type' && raw[String(issue.path[0])] === undefined
              ? 'is required'
              : issue.message,
        })),
      };
  if (!result.ok) {
    console.error(
      `Edgeward configuration problem: ${result.problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`,
    );
  }
  cache.set(env, result);
  return result;
}
