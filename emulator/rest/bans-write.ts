import { PermissionFlagsBits } from 'discord-api-types/v10';
import { AuditLogEvent, recordAudit } from '../audit-log';
import type { EmulatorContext } from '../context';
import { FormErrors } from '../form-errors';
import { type BotStanding, botStanding, canActOn, requirePermission } from '../hierarchy';
import { errors, json, noContent } from '../http';
import type { GuildRecord } from '../state';
import { type AddRoute, bodyRecord, requireGuild } from './route';

/**
 * Ban writes (`developers/resources/guild.mdx`): Create Guild Ban (PUT, 204), Remove Guild Ban (DELETE, 204; not
 * banned → 10026) and Bulk Guild Ban (≤200 ids; needs Ban Members and Manage Server; answers `{banned_users,
 * failed_users}`, or 500000 when nobody could be banned). A ban removes the member from the guild, stores the
 * audit-log reason as the ban's `reason`, and deletes the user's messages of the last `delete_message_seconds`.
 * Users the bot may not act on (the owner, itself, members whose highest role is not below its own) fail.
 */
const MAX_DELETE_SECONDS = 604_800;

function deleteSeconds(data: Record<string, unknown>): number {
  const form = new FormErrors();
  let seconds = 0;
  if (data.delete_message_seconds !== undefined && data.delete_message_seconds !== null) {
    const v = data.delete_message_seconds;
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > MAX_DELETE_SECONDS)
      form.add(
        ['delete_message_seconds'],
        'NUMBER_TYPE_MAX',
        `int value should be between 0 and ${MAX_DELETE_SECONDS}.`,
      );
    else seconds = v as number;
  } else if (data.delete_message_days !== undefined && data.delete_message_days !== null) {
    const v = data.delete_message_days;
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 7)
      form.add(['delete_message_days'], 'NUMBER_TYPE_MAX', 'int value should be between 0 and 7.');
    else seconds = (v as number) * 86_400;
  }
  form.throwIfAny();
  return seconds;
}

/** Why a user cannot be banned by the bot, or null when they can. */
function banBlocked(
  ctx: EmulatorContext,
  standing: BotStanding,
  userId: string,
): 'unknown' | 'denied' | null {
  if (!ctx.store.user(userId)) return 'unknown';
  if (userId === ctx.store.state.botUserId) return 'denied';
  const member = standing.guild.members.find((m) => m.user_id === userId);
  if (userId === standing.guild.owner_id) return 'denied';
  if (member && !canActOn(standing, userId, member.roles)) return 'denied';
  return null;
}

function ban(
  ctx: EmulatorContext,
  guild: GuildRecord,
  userId: string,
  seconds: number,
  reason: string | undefined,
): void {
  guild.bans.push({ user_id: userId, reason: reason ?? null });
  const index = guild.members.findIndex((m) => m.user_id === userId);
  if (index >= 0) guild.members.splice(index, 1);
  if (seconds > 0) {
    const since = ctx.clock.now() - seconds * 1000;
    for (const channel of ctx.store.guildChannels(guild.id)) {
      const list = ctx.store.state.messages[channel.id];
      if (!list) continue;
      ctx.store.state.messages[channel.id] = list.filter(
        (m) => m.message.author.id !== userId || Date.parse(m.message.timestamp) < since,
      );
    }
  }
  recordAudit(ctx, guild, reason, { action_type: AuditLogEvent.MemberBanAdd, target_id: userId });
}

export function registerBanWriteRoutes(add: AddRoute): void {
  add('PUT', '/guilds/:guildId/bans/:userId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      requirePermission(standing, PermissionFlagsBits.BanMembers);
      const seconds = deleteSeconds(body === undefined ? {} : bodyRecord(body));
      const userId = params.userId!;
      const blocked = banBlocked(ctx, standing, userId);
      if (blocked === 'unknown') throw errors.unknownUser();
      if (blocked === 'denied') throw errors.missingPermissions();
      if (!guild.bans.some((b) => b.user_id === userId)) ban(ctx, guild, userId, seconds, reason);
      return noContent();
    },
  });

  add('DELETE', '/guilds/:guildId/bans/:userId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      requirePermission(botStanding(ctx, guild), PermissionFlagsBits.BanMembers);
      const index = guild.bans.findIndex((b) => b.user_id === params.userId);
      if (index < 0) throw errors.unknownBan();
      guild.bans.splice(index, 1);
      recordAudit(ctx, guild, reason, {
        action_type: AuditLogEvent.MemberBanRemove,
        target_id: params.userId!,
      });
      return noContent();
    },
  });

  add('POST', '/guilds/:guildId/bulk-ban', {
    auth: 'bot',
    bucket: 'bulkBan',
    major: 'guild',
    handler: ({ ctx, params, body, reason }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const standing = botStanding(ctx, guild);
      requirePermission(standing, PermissionFlagsBits.BanMembers | PermissionFlagsBits.ManageGuild);
      const data = bodyRecord(body);
      const ids = data.user_ids;
      const form = new FormErrors();
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && /^\d{1,20}$/.test(id)))
        form.add(['user_ids'], 'BASE_TYPE_REQUIRED', 'A list of user ids is required.');
      else form.maxItems(['user_ids'], ids, 200);
      form.throwIfAny();
      const seconds = deleteSeconds(data);
      const banned: string[] = [];
      const failed: string[] = [];
      for (const userId of new Set(ids as string[])) {
        const already = guild.bans.some((b) => b.user_id === userId);
        if (already || banBlocked(ctx, standing, userId) !== null) failed.push(userId);
        else {
          ban(ctx, guild, userId, seconds, reason);
          banned.push(userId);
        }
      }
      if (banned.length === 0) throw errors.failedToBan();
      return json(200, { banned_users: banned, failed_users: failed });
    },
  });
}
