import type { AssetRef } from '../backups/snapshot-schema';

export type RestoreMode = 'add' | 'sync' | 'mirror';
export const RESTORE_COMPONENTS = [
  'settings',
  'roles',
  'categories',
  'channels',
  'emojis',
  'stickers',
  'members',
  'bans',
  'bot',
] as const;
export type RestoreComponent = (typeof RESTORE_COMPONENTS)[number];

export interface PlanOptions {
  /** add: create what is missing · sync: also repair what exists · mirror: sync and delete what the backup lacks */
  mode: RestoreMode;
  components: ReadonlySet<RestoreComponent>;
  /** Members: set their manageable roles exactly as in the backup (also removing), not only add. */
  roleSync: boolean;
}

/** An id in the target guild that may not exist yet: resolved when the operation that creates it ran. */
export type Ref = { ref: `${'role' | 'channel' | 'emoji'}:${string}` };
export type IdOrRef = string | Ref;

export interface OverwriteBody {
  id: IdOrRef;
  type: 0 | 1;
  allow: string;
  deny: string;
}

interface Base {
  /** Deterministic: the same plan inputs give the same keys (used for resume and idempotency). */
  key: string;
  /** Keys of operations that must be done first. */
  deps: string[];
  /** Discord API calls it needs. */
  calls: number;
}

export type Operation = Base &
  (
    | { type: 'role.create'; sourceId: string; body: Record<string, unknown> }
    | { type: 'role.update'; targetId: string; name: string; body: Record<string, unknown> }
    | { type: 'role.delete'; targetId: string; name: string }
    | { type: 'role.positions'; entries: { id: IdOrRef; position: number }[] }
    | {
        type: 'channel.create';
        sourceId: string;
        body: Record<string, unknown> & { permission_overwrites: OverwriteBody[]; parent_id: IdOrRef | null };
      }
    | { type: 'channel.update'; targetId: string; name: string; body: Record<string, unknown> }
    | { type: 'channel.delete'; targetId: string; name: string }
    | { type: 'channel.positions'; entries: { id: IdOrRef; position: number }[] }
    | { type: 'emoji.create'; sourceId: string; name: string; roles: IdOrRef[]; image: AssetRef }
    | { type: 'emoji.update'; targetId: string; name: string; roles: IdOrRef[] }
    | { type: 'emoji.delete'; targetId: string; name: string }
    | {
        type: 'sticker.create';
        sourceId: string;
        name: string;
        description: string;
        tags: string;
        image: AssetRef;
      }
    | { type: 'sticker.delete'; targetId: string; name: string }
    | { type: 'guild.update'; body: Record<string, unknown> }
    | { type: 'member.roles'; userId: string; roles: IdOrRef[] }
    | { type: 'bans.add'; userIds: string[] }
    | { type: 'ban.remove'; userId: string }
    | {
        type: 'bot.settings';
        prefix: string | null;
        mentionPrefix: boolean | null;
        roleRequirements: { command: string; roleId: IdOrRef }[];
      }
  );

export type OperationType = Operation['type'];

export interface Problem {
  /** blocker: the plan cannot be applied as is · warning: applied with the stated change */
  severity: 'blocker' | 'warning';
  code: string;
  message: string;
}

export interface RestorePlan {
  operations: Operation[];
  problems: Problem[];
  calls: number;
  estimateSeconds: number;
  sameGuild: boolean;
  counts: Partial<Record<OperationType, number>>;
}

/** What the planner needs to know about the live target guild. */
export interface LiveGuild {
  structure: import('../backups/diff').Structure;
  /** Discord's hashes of the target's server images now; absent = unknown (images are then left alone). */
  imageHashes?: import('../backups/live-structure').LiveStructure['imageHashes'];
  /** userId → role ids; null when members could not be read. */
  members: Map<string, string[]> | null;
  bans: Set<string> | null;
  bot: { userId: string; roleIds: string[]; permissions: bigint };
  /** The bot's own settings for this guild now (from D1); without them, bot settings are always written. */
  botSettings?: {
    prefix: string | null;
    mentionPrefix: boolean | null;
    roleRequirements: { command: string; roleId: string }[];
  };
}
