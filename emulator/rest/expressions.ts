import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context';
import { errors, json } from '../http';
import { computeGuildPermissions, has } from '../permissions';
import { emojiObject, stickerObject } from '../serialize-guild';
import type { GuildRecord } from '../state';
import { type AddRoute, requireGuild } from './route';

/**
 * Guild emojis and stickers (`developers/resources/emoji.mdx`, `sticker.mdx`). Emoji routes share one bucket per
 * guild ("specifically limited on a per-guild basis"). The creator (`user`) is included only as documented: lists
 * and stickers with Create or Manage Expressions; a single emoji with Manage Expressions, or Create Expressions
 * when the bot created it.
 */
function expressionRights(ctx: EmulatorContext, guild: GuildRecord) {
  const permissions = computeGuildPermissions(guild, ctx.store.state.botUserId) ?? 0n;
  const manage = has(permissions, PermissionFlagsBits.ManageGuildExpressions);
  const create = has(permissions, PermissionFlagsBits.CreateGuildExpressions);
  return { manage, create, any: manage || create };
}

export function registerExpressionRoutes(add: AddRoute): void {
  add('GET', '/guilds/:guildId/emojis', {
    auth: 'bot',
    bucket: 'emojis',
    major: 'guild',
    handler: ({ ctx, params }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const rights = expressionRights(ctx, guild);
      return json(
        200,
        guild.emojis.map((e) => emojiObject(ctx, e, rights.any)),
      );
    },
  });
  add('GET', '/guilds/:guildId/emojis/:emojiId', {
    auth: 'bot',
    bucket: 'emojis',
    major: 'guild',
    handler: ({ ctx, params }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const emoji = guild.emojis.find((e) => e.id === params.emojiId);
      if (!emoji) throw errors.unknownEmoji();
      const rights = expressionRights(ctx, guild);
      const own = emoji.user_id === ctx.store.state.botUserId;
      return json(200, emojiObject(ctx, emoji, rights.manage || (own && rights.create)));
    },
  });
  add('GET', '/guilds/:guildId/stickers', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const rights = expressionRights(ctx, guild);
      return json(
        200,
        guild.stickers.map((s) => stickerObject(ctx, guild.id, s, rights.any)),
      );
    },
  });
  add('GET', '/guilds/:guildId/stickers/:stickerId', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const sticker = guild.stickers.find((s) => s.id === params.stickerId);
      if (!sticker) throw errors.unknownSticker();
      return json(200, stickerObject(ctx, guild.id, sticker, expressionRights(ctx, guild).any));
    },
  });
  add('GET', '/stickers/:stickerId', {
    auth: 'bot',
    handler: ({ ctx, params }) => {
      for (const guild of ctx.store.state.guilds) {
        const sticker = guild.stickers.find((s) => s.id === params.stickerId);
        if (sticker) return json(200, stickerObject(ctx, guild.id, sticker, false));
      }
      throw errors.unknownSticker();
    },
  });
}
