import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context';
import { type ReactionSpec, syncReactions } from '../gateway/user-reactions';
import { ApiError, errors, noContent } from '../http';
import { has } from '../permissions';
import { type AddRoute, botPermissionsIn, requireChannel } from './route';

/**
 * The emoji segment of a reaction route: a URL-encoded unicode emoji, or `name:id` for a custom one, which
 * must exist in a guild (10014 otherwise).
 */
function parseEmoji(ctx: EmulatorContext, raw: string): ReactionSpec['emoji'] {
  const text = decodeURIComponent(raw);
  const custom = /^(\w{2,32}):(\d{1,20})$/.exec(text);
  if (custom) {
    const exists = ctx.store.state.guilds.some((g) => g.emojis.some((e) => e.id === custom[2]));
    if (!exists) throw new ApiError(400, 10014, 'Unknown Emoji');
    return { name: custom[1] as string, id: custom[2] as string };
  }
  if (!text || text.length > 32 || /[\s\w:]/.test(text)) throw new ApiError(400, 10014, 'Unknown Emoji');
  return { name: text };
}

/**
 * The bot's own reactions (`developers/resources/message.mdx`): PUT needs Read Message History, and Add
 * Reactions unless someone already reacted with that emoji; DELETE removes only the bot's. Both answer 204.
 */
export function registerReactionRoutes(add: AddRoute): void {
  const path = '/channels/:channelId/messages/:messageId/reactions/:emoji/@me';
  for (const method of ['PUT', 'DELETE'] as const) {
    add(method, path, {
      auth: 'bot',
      bucket: 'reaction',
      major: 'channel',
      handler: ({ ctx, params }) => {
        const channel = requireChannel(ctx, params.channelId!);
        const record = ctx.store.message(channel.id, params.messageId!);
        if (!record || record.ephemeralFor) throw errors.unknownMessage();
        const emoji = parseEmoji(ctx, params.emoji!);
        const key = emoji.id ?? emoji.name;
        const bot = ctx.store.state.botUserId;
        record.reactors ??= {};
        const users = record.reactors[key] ?? [];
        record.reactors[key] = users;
        if (method === 'PUT') {
          const perms = botPermissionsIn(ctx, channel);
          if (!has(perms, PermissionFlagsBits.ReadMessageHistory)) throw errors.missingPermissions();
          if (users.length === 0 && !has(perms, PermissionFlagsBits.AddReactions))
            throw errors.missingPermissions();
          if (!users.includes(bot)) users.push(bot);
        } else {
          const at = users.indexOf(bot);
          if (at >= 0) users.splice(at, 1);
        }
        if (users.length === 0) delete record.reactors[key];
        syncReactions(ctx, record, {
          channel_id: channel.id,
          message_id: record.message.id,
          user_id: bot,
          emoji,
        });
        return noContent();
      },
    });
  }
}
