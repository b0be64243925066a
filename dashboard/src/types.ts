/** The shapes of docs/dashboard-api.md. Snowflakes are strings, times epoch milliseconds. */

export interface User {
  id: string;
  username: string;
  globalName: string | null;
  avatar: string | null;
}

export interface Me {
  user: User;
  isBotOwner: boolean;
  csrfToken: string;
}

export type Capability = 'view' | 'settings' | 'backups' | 'restore';
export type Access = 'admin' | 'owner' | 'viewer' | 'settings' | 'backups' | 'restore';
export type GrantRole = 'viewer' | 'settings' | 'backups' | 'restore';

export interface GuildSummary {
  id: string;
  name: string;
  icon: string | null;
  access: Access;
  can: Capability[];
}

export interface Role {
  id: string;
  name: string;
  color: number;
  position: number;
}

export interface Channel {
  id: string;
  name: string;
  type: number;
  parentId: string | null;
}

export interface GuildDetail extends GuildSummary {
  /** Bot owners, or admins when the deployment allows admins to export. */
  canExport: boolean;
  memberCount: number;
  roles: Role[];
  channels: Channel[];
}

export interface Schedule {
  enabled: boolean;
  intervalHours: number;
  alertChannelId: string | null;
  nextRunAt: number | null;
}

/** One extension in a server (`GET /api/guilds/:id/extensions`). */
export interface GuildExtension {
  name: string;
  version: string;
  author: string;
  description: string;
  details: string;
  required: boolean;
  enabledByDefault: boolean;
  enabled: boolean;
  commands: string[];
  dependencies: { name: string; range: string }[];
  conflicts: string[];
  /** The switch the user would flip now is refused, for `blockedReasons`. */
  blocked: boolean;
  blockedReasons: string[];
  /** What it stores in this server, in a line each (read only: its commands change them). */
  settings: { key: string; description: string; value: string }[];
}

export interface Settings {
  prefix: string;
  customPrefix: boolean;
  defaultPrefix: string;
  mentionPrefix: boolean;
  mentionSetting: boolean | null;
  roleRequirements: { command: string; roleId: string }[];
  commands: string[];
  schedule: Schedule | null;
}

export interface BackupCounts {
  roles: number;
  channels: number;
  emojis: number;
  stickers: number;
  members: number;
  bans: number;
}

export interface Backup {
  id: string;
  label: string | null;
  note: string | null;
  kind: string;
  pinned: boolean;
  createdAt: number;
  authorId: string | null;
  sizeBytes: number;
  storedBytes: number;
  sha256: string;
  counts: BackupCounts;
}

export interface BackupList {
  backups: Backup[];
  maxPerGuild: number;
  used: number;
}

export interface BackupJob {
  status: 'queued' | 'running' | 'done' | 'failed';
  backupId?: string;
  error?: string;
  /** What a running capture is doing (the worker adds it; not in the contract). */
  phase?: string;
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
}

/** `PUT /api/guilds/:id/schedule` */
export type ScheduleUpdate =
  | { enabled: true; intervalHours: number; alertChannelId: string | null }
  | { enabled: false };

export type BackupKind = 'manual' | 'auto' | 'import' | 'safety';

export interface Analytics {
  backups: {
    /** The last 30 days, oldest first, days without backups included. */
    perDay: { day: string; count: number; bytes: number }[];
    byKind: Record<BackupKind, number>;
    storedBytes: number;
    largestBytes: number;
  };
  /** This server's commands, most used first (at most 15). */
  commands: { name: string; uses: number; errors: number }[];
}

export interface AuditEntry {
  id: string | number;
  at: number;
  actorId: string | null;
  action: string;
  details: unknown;
}

export interface AuditPage {
  entries: AuditEntry[];
  page: number;
  pages: number;
}

export interface Grant {
  userId: string;
  role: GrantRole;
  grantedBy: string;
  at: number;
}

export interface Overview {
  guilds: number;
  /** The servers the bot is in, by name (at most 200). */
  servers: { id: string; name: string }[];
  commands: { total: number; errors: number; top: { name: string; uses: number; errors: number }[] };
  slash: { used: number; limit: number; safe: number; warning: number };
  shards: {
    id: number;
    state: string;
    latencyMs: number | null;
    /** The last 30 heartbeat latencies, oldest first. */
    latencies: number[];
    guilds: number;
    healthy: boolean;
    reason: string | null;
  }[];
  config: { name: string; ok: boolean; message: string }[];
}

export type Tier = 'healthy' | 'degraded' | 'critical';

/** One health snapshot: the tier, the error rate of the hour before `at`, p50/p99 latency (bucket bounds). */
export interface HealthPoint {
  at: number;
  tier: Tier;
  errorRate: number;
  processed: number;
  failed: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface HealthSeries {
  resolution: '5m' | '1h';
  fromMs: number;
  toMs: number;
  /** Oldest first; a missed evaluation is a missing point. */
  points: HealthPoint[];
}

/** `GET /api/owner/health`. */
export interface OwnerHealth {
  now: number;
  current: {
    tier: Tier;
    reasons: string[];
    errorRate: number;
    processed: number;
    failed: number;
    invalidInput: number;
    unknown: number;
    window: { fromMs: number; toMs: number; minutes: number };
    p50Ms: number | null;
    p99Ms: number | null;
    pendingMigrations: string[];
    shards: { total: number; connected: number } | null;
    /** Hook events waiting in the queue (first delivery or retry), and those that gave up. */
    hookQueue: number;
    deadLetters: number;
    metricsRecorded: boolean;
  };
  limits: {
    degradedErrorRate: number;
    criticalErrorRate: number;
    minCommandsForCritical: number;
    latencyCeilingMs: number;
  };
  history: { recent: HealthSeries | null; hourly: HealthSeries | null };
}

export type RestoreMode = 'add' | 'sync' | 'mirror';
export type RestoreComponent =
  | 'settings'
  | 'roles'
  | 'categories'
  | 'channels'
  | 'members'
  | 'emojis'
  | 'stickers'
  | 'bot'
  | 'bans';

/** The body of `POST …/restore/preview` and `POST …/restore`. */
export interface RestoreOptions {
  mode: RestoreMode;
  components: RestoreComponent[];
  roleSync: boolean;
}

export interface RestoreProblem {
  severity: 'blocker' | 'warning';
  code: string;
  message: string;
}

/** The dry run (`POST …/restore/preview`): nothing has been written. */
export interface RestorePlan {
  operations: number;
  calls: number;
  estimateSeconds: number;
  sameGuild: boolean;
  /** Operations by type, e.g. `{ 'role.create': 3 }`. */
  counts: Record<string, number>;
  problems: RestoreProblem[];
  blocked: boolean;
}

export type RestoreStatus = 'planned' | 'running' | 'paused' | 'cancelling' | 'done' | 'failed' | 'cancelled';
export type OpCounts = Record<'pending' | 'in_flight' | 'done' | 'failed' | 'skipped', number>;

export interface RestoreReport {
  status: 'done' | 'cancelled';
  counts: OpCounts;
  changes: { created: number; updated: number; deleted: number };
  calls: number;
  durationMs: number;
  /** What a fresh plan still finds after the restore; null when the verification did not run. */
  remaining: number | null;
  failures: string[];
}

/** `GET /api/guilds/:id/restores/:jobId` (and `…/restores/active`). */
export interface RestoreJob {
  id: string;
  backupId: string;
  status: RestoreStatus;
  statusReason: string | null;
  options: unknown;
  counts: OpCounts;
  total: number;
  done: number;
  etaSeconds: number;
  report: RestoreReport | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export type CompareKind = 'role' | 'channel' | 'emoji' | 'sticker' | 'setting';

/** One difference: `added` is in the server now but not in the backup, `removed` only in the backup. */
export interface CompareChange {
  kind: CompareKind;
  id: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** Permissions come decoded, e.g. `+Administrator −SendMessages`. */
  fields: { field: string; before: string | null; after: string | null }[];
}

/** `GET /api/guilds/:id/backups/:backupId/compare`. */
export interface BackupComparison {
  summary: { total: number; added: number; removed: number; changed: number };
  changes: CompareChange[];
}
