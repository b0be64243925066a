import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context';
import { errors, json } from '../http';
import { pageAfter, pageBefore, sortedById } from '../paginate';
import { computeGuildPermissions, has } from '../permissions';
import { channelObject, memberObject } from '../serialize';
import { banObject, guildObject, roleObject } from '../serialize-guild';
import type { GuildRecord } from '../state';
import { intParam, snowflakeParam } from './query';
import { type AddRoute, requireGuild } from './route';

const memberId = (m: { user_id: string }) => m.user_id;

/** The bot's guild-level permissions; 403 50013 unless it has `bit`. */
export function requireGuildPermission(ctx: EmulatorContext, guild: GuildRecord, bit: bigint): void {
  const permissions = computeGuildPermissions(guild, ctx.store.state.botUserId) ?? 0n;
  if (!has(permissions, bit)) throw errors.missingPermissions();
}

/**
 * Guilds, roles, channels, members and bans. The member list needs the GUILD_MEMBERS intent (else 403 50001);
 * bans need Ban Members (else 403 50013). Members and bans page by user id (`developers/resources/guild.mdx`).
 */
export function registerGuildRoutes(add: AddRoute): void {
  add('GET', '/guilds/:guildId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, query }) => {
      const guild = requireGuild(ctx, params.guildId!);
      return json(200, guildObject(ctx, guild, query.get('with_counts') === 'true'));
    },
  });
  add('GET', '/guilds/:guildId/roles', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params }) => json(200, requireGuild(ctx, params.guildId!).roles.map(roleObject)),
  });
  add('GET', '/guilds/:guildId/roles/:roleId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params }) => {
      const role = requireGuild(ctx, params.guildId!).roles.find((r) => r.id === params.roleId);
      if (!role) throw errors.unknownRole();
      return json(200, roleObject(role));
    },
  });
  add('GET', '/guilds/:guildId/channels', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params }) => {
      const guild = requireGuild(ctx, params.guildId!);
      return json(
        200,
        ctx.store.guildChannels(guild.id).map((c) => channelObject(ctx, c)),
      );
    },
  });
  add('GET', '/guilds/:guildId/members/:userId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const member = guild.members.find((m) => m.user_id === params.userId);
      if (!member) throw errors.unknownMember();
      return json(200, memberObject(ctx, member));
    },
  });
  add('GET', '/guilds/:guildId/members', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, query }) => {
      const guild = requireGuild(ctx, params.guildId!);
      if (!ctx.store.state.intents.members) throw errors.missingAccess();
      const limit = intParam(query, 'limit', { min: 1, max: 1000, fallback: 1 });
      const after = snowflakeParam(query, 'after');
      const page = pageAfter(sortedById(guild.members, memberId), memberId, after, limit);
      return json(
        200,
        page.map((m) => memberObject(ctx, m)),
      );
    },
  });
  add('GET', '/guilds/:guildId/bans', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, query }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const limit = intParam(query, 'limit', { min: 1, max: 1000, fallback: 1000 });
      const before = snowflakeParam(query, 'before');
      const after = snowflakeParam(query, 'after');
      requireGuildPermission(ctx, guild, PermissionFlagsBits.BanMembers);
      const sorted = sortedById(guild.bans, memberId);
      // "If both before and after are provided, only before is respected."
      const page =
        before === undefined
          ? pageAfter(sorted, memberId, after, limit)
          : pageBefore(sorted, memberId, before, limit);
      return json(
        200,
        page.map((b) => banObject(ctx, b)),
      );
    },
  });
  add('GET', '/guilds/:guildId/bans/:userId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params }) => {
      const guild = requireGuild(ctx, params.guildId!);
      requireGuildPermission(ctx, guild, PermissionFlagsBits.BanMembers);
      const ban = guild.bans.find((b) => b.user_id === params.userId);
      if (!ban) throw errors.unknownBan();
      return json(200, banObject(ctx, ban));
    },
  });
}
