import { and, asc, eq } from 'drizzle-orm';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { commandRoleRequirements, guildSettings } from '../db/schema';
import { auditInsert } from './audit';

export interface PrefixSettings {
  /** The prefix in force. */
  prefix: string;
  /** True when the guild set its own. */
  custom: boolean;
  /** Whether @mention works as a prefix. */
  mentionEnabled: boolean;
  /** The guild's own mention setting; null = the deployment default. */
  mentionSetting: boolean | null;
}

export interface RoleRequirement {
  command: string;
  roleId: string;
}

/** Per-guild settings and role requirements in D1. Every change is written together with its audit row. */
export class GuildSettingsStore {
  constructor(
    private readonly db: Database,
    private readonly config: Pick<Config, 'defaultPrefix' | 'allowMentionPrefix'>,
  ) {}

  async prefixes(guildId: string | null): Promise<PrefixSettings> {
    const row = guildId
      ? await this.db.query.guildSettings.findFirst({ where: eq(guildSettings.guildId, guildId) })
      : undefined;
    return {
      prefix: row?.prefix ?? this.config.defaultPrefix,
      custom: row?.prefix != null,
      mentionEnabled: row?.mentionPrefix ?? this.config.allowMentionPrefix,
      mentionSetting: row?.mentionPrefix ?? null,
    };
  }

  /** Sets the guild's prefix; null (or the default itself) returns to the deployment default. */
  async setPrefix(guildId: string, prefix: string | null, actorId: string): Promise<void> {
    const value = prefix === this.config.defaultPrefix ? null : prefix;
    const now = Date.now();
    await this.db.batch([
      this.db
        .insert(guildSettings)
        .values({ guildId, prefix: value, updatedAt: now, updatedBy: actorId })
        .onConflictDoUpdate({
          target: guildSettings.guildId,
          set: { prefix: value, updatedAt: now, updatedBy: actorId },
        }),
      auditInsert(this.db, { guildId, actorId, action: 'prefix.set', details: { prefix: value } }, now),
    ]);
  }

  async setMentionPrefix(guildId: string, enabled: boolean | null, actorId: string): Promise<void> {
    const now = Date.now();
    await this.db.batch([
      this.db
        .insert(guildSettings)
        .values({ guildId, mentionPrefix: enabled, updatedAt: now, updatedBy: actorId })
        .onConflictDoUpdate({
          target: guildSettings.guildId,
          set: { mentionPrefix: enabled, updatedAt: now, updatedBy: actorId },
        }),
      auditInsert(this.db, { guildId, actorId, action: 'mention_prefix.set', details: { enabled } }, now),
    ]);
  }

  async roleRequirements(guildId: string, command?: string): Promise<RoleRequirement[]> {
    const where = command
      ? and(eq(commandRoleRequirements.guildId, guildId), eq(commandRoleRequirements.command, command))
      : eq(commandRoleRequirements.guildId, guildId);
    return this.db
      .select({ command: commandRoleRequirements.command, roleId: commandRoleRequirements.roleId })
      .from(commandRoleRequirements)
      .where(where)
      .orderBy(asc(commandRoleRequirements.command), asc(commandRoleRequirements.createdAt));
  }

  /** Adds a role requirement; false when it was already there. */
  async addRoleRequirement(
    guildId: string,
    command: string,
    roleId: string,
    actorId: string,
  ): Promise<boolean> {
    const now = Date.now();
    const [inserted] = await this.db.batch([
      this.db
        .insert(commandRoleRequirements)
        .values({ guildId, command, roleId, createdBy: actorId, createdAt: now })
        .onConflictDoNothing()
        .returning({ roleId: commandRoleRequirements.roleId }),
      auditInsert(
        this.db,
        { guildId, actorId, action: 'role_requirement.add', details: { command, roleId } },
        now,
      ),
    ]);
    return inserted.length > 0;
  }

  /** Removes one role requirement, or all of a command's when `roleId` is omitted. Returns how many. */
  async removeRoleRequirements(guildId: string, command: string, roleId: string | null, actorId: string) {
    const where = and(
      eq(commandRoleRequirements.guildId, guildId),
      eq(commandRoleRequirements.command, command),
      roleId ? eq(commandRoleRequirements.roleId, roleId) : undefined,
    );
    const now = Date.now();
    const [deleted] = await this.db.batch([
      this.db
        .delete(commandRoleRequirements)
        .where(where)
        .returning({ roleId: commandRoleRequirements.roleId }),
      auditInsert(
        this.db,
        { guildId, actorId, action: 'role_requirement.remove', details: { command, roleId } },
        now,
      ),
    ]);
    return deleted.length;
  }
}
