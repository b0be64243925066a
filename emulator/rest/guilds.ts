import { errors, json } from '../http';
import { channelObject, guildObject, memberObject } from '../serialize';
import { type AddRoute, requireGuild } from './route';

/** Guilds, roles, channels and members. The member list needs the GUILD_MEMBERS intent (else 403 50001). */
export function registerGuildRoutes(add: AddRoute): void {
  add('GET', '/guilds/:guildId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, query }) => {
      const guild = requireGuild(ctx, params.guildId!);
      return json(200, guildObject(guild, query.get('with_counts') === 'true'));
    },
  });
  add('GET', '/guilds/:guildId/roles', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params }) => json(200, structuredClone(requireGuild(ctx, params.guildId!).roles)),
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
      const limit = Number(query.get('limit') ?? '1');
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw errors.invalidFormBody({
          limit: {
            _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be between 1 and 1000.' }],
          },
        });
      }
      const after = BigInt(query.get('after') ?? '0');
      const members = [...guild.members]
        .filter((m) => BigInt(m.user_id) > after)
        .sort((a, b) => (BigInt(a.user_id) < BigInt(b.user_id) ? -1 : 1))
        .slice(0, limit)
        .map((m) => memberObject(ctx, m));
      return json(200, members);
    },
  });
}
