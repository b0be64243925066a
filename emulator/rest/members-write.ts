import { PermissionFlagsBits } from 'discord-api-types/v10';
import { AuditLogEvent, recordAudit } from '../audit-log';
import type { EmulatorContext } from '../context';
import { FormErrors } from '../form-errors';
import { type BotStanding, botStanding, canActOn, requireBelowBot, requirePermission } from '../hierarchy';
import { errors, json, noContent } from '../http';
import { computeGuildPermissions } from '../permissions';
import { memberObject } from '../serialize';
import type { GuildRecord, MemberRecord } from '../state';
import { type AddRoute, bodyRecord, requireGuild } from './route';

/**
 * Member role writes (`developers/resources/guild.mdx`): Modify Guild Member (`roles` replaces the list, `nick`),
 * Add/Remove Guild Member Role. Need Manage Roles; every role added or removed must be below the bot's highest
 * role and not managed (else 403 50013). Not a member → 404 10007. `communication_disabled_until` (a timeout,
 * up to 28 days ahead; null lifts it) needs Moderate Members and a member the bot may act on, and "will throw a
 * 403 error if the user has the ADMINISTRATOR permission or is the owner of the guild". `mute`, `deaf`,
 * `channel_id` and `flags` are accepted and ignored.
 */
function requireMember(guild: GuildRecord, userId: string): MemberRecord {
  const member = guild.members.find((m) => m.user_id === userId);
  if (!member) throw errors.unknownMember();
  return member;
}

function checkRoleChange(standing: BotStanding, guild: GuildRecord, roleIds: readonly string[]): void {
  for (const id of roleIds) {
    const role = guild.roles.find((r) => r.id === id);
    if (!role) throw errors.unknownRole();
    if (role.managed) throw errors.missingPermissions();
    requireBelowBot(standing, role);
  }
}

function roleRef(guild: GuildRecord, id: string) {
  return { id, name: guild.roles.find((r) => r.id === id)?.name ?? '' };
}

/** Applies a role change and records MEMBER_ROLE_UPDATE with `$add` / `$remove`. */
function setRoles(
  ctx: EmulatorContext,
  guild: GuildRecord,
  member: MemberRecord,
  next: string[],
  reason: string | undefined,
): void {
  const added = next.filter((r) => !member.roles.includes(r));
  const removed = member.roles.filter((r) => !next.includes(r));
  if (added.length === 0 && removed.length === 0) return;
  member.roles = next;
  const changes: { key: string; new_value: { id: string; name: string }[] }[] = [];
  if (added.length > 0) changes.push({ key: '$add', new_value: added.map((id) => roleRef(guild, id)) });
  if (removed.length > 0)
    changes.push({ key: '$remove', new_value: removed.map((id) => roleRef(guild, id)) });
  recordAudit(ctx, guild, reason, {
    action_type: AuditLogEvent.MemberRoleUpdate,
    target_id: member.user_id,
    changes: changes as never,
  });
}

function parseRoles(value: unknown, guild: GuildRecord): string[] {
  if (!Array.isArray(value) || !value.every((r) => typeof r === 'string')) {
    const form = new FormErrors();
    form.add(['roles'], 'ARRAY_TYPE_CONVERT', 'Only iterables of snowflakes may be used.');
    form.throwIfAny();
  }
  return [...new Set(value as string[])].filter((r) => r !== guild.id);
}

/** Timeouts end at most 28 days ahead (`developers/resources/guild.mdx`, Modify Guild Member). */
const MAX_TIMEOUT_MS = 28 * 24 * 60 * 60 * 1000;

function checkTimeout(standing: BotStanding, guild: GuildRecord, member: MemberRecord, value: unknown): void {
  if (value !== null) {
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    const form = new FormErrors();
    if (Number.isNaN(at))
      form.add(['communication_disabled_until'], 'DATE_TYPE_PARSE', 'Could not parse the timestamp.');
    else if (at - Date.now() > MAX_TIMEOUT_MS)
      form.add(
        ['communication_disabled_until'],
        'COMMUNICATION_DISABLED_TIMESTAMP_TOO_LARGE',
        'Timeouts can be at most 28 days in the future.',
      );
    form.throwIfAny();
  }
  requirePermission(standing, PermissionFlagsBits.ModerateMembers);
  const theirs = computeGuildPermissions(guild, member.user_id) ?? 0n;
  if (member.user_id === guild.owner_id || (theirs & PermissionFlagsBits.Administrator) !== 0n)
    throw errors.missingPermissions();
  if (!canActOn(standing, member.user_id, member.roles)) throw errors.missingPermissions();
}

/** Stores the timeout and records MEMBER_UPDATE with the change, as Discord's audit log does. */
function setTimeoutUntil(
  ctx: EmulatorContext,
  guild: GuildRecord,
  member: MemberRecord,
  value: string | null,
  reason: string | undefined,
): void {
  const next = value === null ? null : new Date(Date.parse(value)).toISOString();
  const before = member.communication_disabled_until ?? null;
  if (next === before) return;
  member.communication_disabled_until = next;
  const change: Record<string, unknown> = { key: 'communication_disabled_until' };
  if (next !== null) change.new_value = next;
  if (before !== null) change.old_value = before;
  recordAudit(ctx, guild, reason, {
    action_type: AuditLogEvent.MemberUpdate,
    target_id: member.user_id,
    changes: [change] as never,
  });
}

export function registerMemberWriteRoutes(add: AddRoute): void {
  add('PATCH', '/guilds/:guildId/members/:userId', {
    auth: 'bot',
    bucket: 'memberUpdate',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const data = bodyRecord(body);
      const member = requireMember(guild, params.userId!);
      const standing = botStanding(ctx, guild);
      let roles: string[] | undefined;
      if (data.roles !== undefined && data.roles !== null) {
        roles = parseRoles(data.roles, guild);
        requirePermission(standing, PermissionFlagsBits.ManageRoles);
        const next = roles;
        const changed = [
          ...next.filter((r) => !member.roles.includes(r)),
          ...member.roles.filter((r) => !next.includes(r)),
        ];
        checkRoleChange(standing, guild, changed);
      }
      let nick: string | null | undefined;
      if (data.nick !== undefined) {
        if (data.nick !== null && (typeof data.nick !== 'string' || [...data.nick].length > 32)) {
          const form = new FormErrors();
          form.add(['nick'], 'BASE_TYPE_MAX_LENGTH', 'Must be 32 or fewer in length.');
          form.throwIfAny();
        }
        nick = data.nick === '' ? null : (data.nick as string | null);
        const self = member.user_id === ctx.store.state.botUserId;
        const bit = self ? PermissionFlagsBits.ChangeNickname : PermissionFlagsBits.ManageNicknames;
        requirePermission(standing, bit);
        if (!self && !canActOn(standing, member.user_id, member.roles)) throw errors.missingPermissions();
      }
      const timeout = data.communication_disabled_until;
      if (timeout !== undefined) checkTimeout(standing, guild, member, timeout);
      if (roles) setRoles(ctx, guild, member, roles, reason);
      if (timeout !== undefined) setTimeoutUntil(ctx, guild, member, timeout as string | null, reason);
      if (nick !== undefined && nick !== member.nick) {
        const change: Record<string, unknown> = { key: 'nick' };
        if (nick !== null) change.new_value = nick;
        if (member.nick !== null) change.old_value = member.nick;
        member.nick = nick;
        recordAudit(ctx, guild, reason, {
          action_type: AuditLogEvent.MemberUpdate,
          target_id: member.user_id,
          changes: [change] as never,
        });
      }
      return json(200, memberObject(ctx, member));
    },
  });

  for (const method of ['PUT', 'DELETE'] as const) {
    add(method, '/guilds/:guildId/members/:userId/roles/:roleId', {
      auth: 'bot',
      bucket: 'memberUpdate',
      major: 'guild',
      handler: ({ ctx, params, reason }) => {
        const guild = requireGuild(ctx, params.guildId!);
        const standing = botStanding(ctx, guild);
        requirePermission(standing, PermissionFlagsBits.ManageRoles);
        const member = requireMember(guild, params.userId!);
        const roleId = params.roleId!;
        if (roleId === guild.id) return noContent();
        checkRoleChange(standing, guild, [roleId]);
        const next =
          method === 'PUT'
            ? [...new Set([...member.roles, roleId])]
            : member.roles.filter((r) => r !== roleId);
        setRoles(ctx, guild, member, next, reason);
        return noContent();
      },
    });
  }
}
