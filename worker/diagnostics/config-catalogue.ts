/**
 * What each configuration name is for, beside the one zod schema (worker/config.ts) that validates it:
 * kind (variable or secret), what it does and what to do when it is wrong. /fw_config_schema prints this
 * with the schema's defaults; a test keeps it complete.
 */
export type ConfigKind = 'variable' | 'secret';

export interface VariableInfo {
  kind: ConfigKind;
  meaning: string;
  /** What to do when it is missing or malformed. */
  fix: string;
}

const VAR = (meaning: string, fix: string): VariableInfo => ({ kind: 'variable', meaning, fix });
const SECRET = (meaning: string, fix: string): VariableInfo => ({ kind: 'secret', meaning, fix });
const inToml = (name: string, example: string) =>
  `Set ${name} in wrangler.toml [vars] (or .dev.vars locally), e.g. ${example}.`;
const asSecret = (name: string) => `Run \`wrangler secret put ${name}\` (locally: add it to .dev.vars).`;

export const VARIABLES: Record<string, VariableInfo> = {
  DISCORD_APPLICATION_ID: VAR(
    "Your application's id.",
    inToml('DISCORD_APPLICATION_ID', 'the Application ID from the Developer Portal (17-20 digits)'),
  ),
  DISCORD_PUBLIC_KEY: VAR(
    "The application's Ed25519 public key (64 hex characters): every interaction is verified with it.",
    inToml('DISCORD_PUBLIC_KEY', 'the Public Key from the Developer Portal, General Information'),
  ),
  DISCORD_TOKEN: SECRET('The bot token.', asSecret('DISCORD_TOKEN')),
  BOT_OWNER_ID: VAR(
    'The bot owners: one user id or a comma-separated list.',
    inToml('BOT_OWNER_ID', '"123456789012345678,234567890123456789"'),
  ),
  DISCORD_API_BASE: VAR(
    'Every REST call goes through it.',
    inToml('DISCORD_API_BASE', 'https://discord.com/api/v10 (the emulator and tests use their own)'),
  ),
  DEFAULT_PREFIX: VAR(
    'The prefix where a server has not set its own.',
    inToml('DEFAULT_PREFIX', '"!" (1-5 characters, no spaces)'),
  ),
  ALLOW_MENTION_PREFIX: VAR(
    'Whether @mention commands work where a server has not decided.',
    inToml('ALLOW_MENTION_PREFIX', '"true"'),
  ),
  SLASH_SAFE_LIMIT: VAR(
    'Past this many slash commands, further commands stay prefix-only.',
    inToml('SLASH_SAFE_LIMIT', '"95" (1-100)'),
  ),
  SLASH_WARNING_LIMIT: VAR(
    '/slashlimit warns from here.',
    inToml('SLASH_WARNING_LIMIT', '"90", below SLASH_SAFE_LIMIT'),
  ),
  SIGNATURE_MAX_AGE_SECONDS: VAR(
    'Interactions whose timestamp is further than this from now are refused.',
    inToml('SIGNATURE_MAX_AGE_SECONDS', '"300" (5-3600)'),
  ),
  DISCORD_CDN_BASE: VAR(
    'Where images are downloaded from at capture time.',
    inToml('DISCORD_CDN_BASE', 'https://cdn.discordapp.com'),
  ),
  BACKUP_MAX_PER_GUILD: VAR(
    'Manual and imported backups a server may keep.',
    inToml('BACKUP_MAX_PER_GUILD', '"25" (1-1000)'),
  ),
  BACKUP_COOLDOWN: VAR(
    'Seconds between manual backups of a server.',
    inToml('BACKUP_COOLDOWN', '"300" (0-86400)'),
  ),
  BACKUP_RETENTION_DAYS: VAR(
    'Delete unpinned backups older than this (0 = never).',
    inToml('BACKUP_RETENTION_DAYS', '"0" (0-3650)'),
  ),
  BACKUP_AUTO_KEEP: VAR('Automatic backups kept per server.', inToml('BACKUP_AUTO_KEEP', '"7" (1-100)')),
  BACKUP_EXPORT_ALLOW_ADMINS: VAR(
    'Let server Administrators export, not only bot owners.',
    inToml('BACKUP_EXPORT_ALLOW_ADMINS', '"false"'),
  ),
  EXPORT_SIGNING_SECRET: SECRET(
    'Signs export download links (at least 16 characters); without it a key derived from the token is used.',
    asSecret('EXPORT_SIGNING_SECRET'),
  ),
  GATEWAY_ENABLED: VAR(
    'Run the gateway shards (prefix and @mention commands, shard health).',
    inToml('GATEWAY_ENABLED', '"true"'),
  ),
  SHARD_COUNT: VAR(
    "A fixed shard count (1-4096); unset = Discord's recommendation.",
    inToml('SHARD_COUNT', '"2", or remove it'),
  ),
  SHARDS_PER_CLUSTER: VAR('How /clusters groups shards.', inToml('SHARDS_PER_CLUSTER', '"4" (1-256)')),
  GATEWAY_MESSAGE_CONTENT: VAR(
    'Ask for the Message Content intent (prefix commands need it).',
    inToml('GATEWAY_MESSAGE_CONTENT', '"true", and enable the intent in the Developer Portal, Bot page'),
  ),
  GATEWAY_MEMBERS_INTENT: VAR(
    'Ask for the Server Members intent.',
    inToml('GATEWAY_MEMBERS_INTENT', '"false"'),
  ),
  SHARD_ALERT_THRESHOLD: VAR(
    'Consecutive failures before a shard is unhealthy.',
    inToml('SHARD_ALERT_THRESHOLD', '"3" (1-20)'),
  ),
  DISCORD_CLIENT_SECRET: SECRET(
    'The OAuth2 client secret: dashboard logins.',
    asSecret('DISCORD_CLIENT_SECRET'),
  ),
  DASHBOARD_URL: VAR(
    'Where the dashboard is served; unset = the request origin.',
    inToml('DASHBOARD_URL', 'https://edgeward.pages.dev'),
  ),
  DISCORD_WEB_BASE: VAR('Where /oauth2/authorize is.', inToml('DISCORD_WEB_BASE', 'https://discord.com')),
  REST_INVALID_BUDGET: VAR(
    'Invalid requests per 10 minutes after which restores and backups wait (Discord bans at 10,000).',
    inToml('REST_INVALID_BUDGET', '"1000" (10-9000)'),
  ),
  DIAGNOSTICS_METRICS: VAR(
    'Record command outcomes, latency and REST errors in D1 after each reply (health tiers need them).',
    inToml('DIAGNOSTICS_METRICS', '"true"'),
  ),
};

export type BindingType = 'D1' | 'R2' | 'Durable Object' | 'Queue' | 'Workers AI';

export interface BindingInfo {
  type: BindingType;
  required: boolean;
  meaning: string;
  fix: string;
  /** For an optional binding: what is off without it. */
  whenMissing?: string;
}

const durableObject = (className: string, meaning: string): BindingInfo => ({
  type: 'Durable Object',
  required: true,
  meaning,
  fix: `Keep the [[durable_objects.bindings]] entry for class ${className} and its [[migrations]] in wrangler.toml.`,
});

export const BINDINGS: Record<string, BindingInfo> = {
  DB: {
    type: 'D1',
    required: true,
    meaning: 'Settings, statistics, metrics, history, the assistant index.',
    fix: 'Create it with `wrangler d1 create edgeward`, put its id in wrangler.toml, apply the migrations.',
  },
  BACKUPS: {
    type: 'R2',
    required: true,
    meaning: 'Backup snapshots and their images.',
    fix: 'Create it with `wrangler r2 bucket create edgeward-backups` (binding BACKUPS in wrangler.toml).',
  },
  BACKUP_QUEUE: {
    type: 'Queue',
    required: true,
    meaning: 'Backup jobs.',
    fix: 'Create it with `wrangler queues create edgeward-backup-jobs` (producer and consumer in wrangler.toml).',
  },
  HOOK_EVENTS: {
    type: 'Queue',
    required: false,
    meaning: 'Hook events (the event bus): emitters enqueue, the consumer runs the handlers.',
    fix: 'Create it with `wrangler queues create edgeward-hook-events` (and its -dlq); producer and consumers in wrangler.toml.',
    whenMissing: 'hook handlers run inline in the emitting request, without retries or dead letters',
  },
  RESTORE_RUNNER: durableObject('RestoreRunner', 'Drives restores with alarms.'),
  REST_BUDGET: durableObject('RestBudget', "The deployment's invalid-request budget."),
  GATEWAY_SHARD: durableObject('GatewayShard', 'One gateway connection per shard.'),
  GATEWAY_COORDINATOR: durableObject('GatewayCoordinator', 'Identify slots, shard reports, alerts.'),
  AI: {
    type: 'Workers AI',
    required: false,
    meaning: '/ask writes its answers with a small instruction model.',
    whenMissing: '/ask answers with the best passages it found, without generated text',
    fix: 'Add `[ai]` with `binding = "AI"` to wrangler.toml (remote only: `wrangler dev` then needs a Cloudflare login).',
  },
};
