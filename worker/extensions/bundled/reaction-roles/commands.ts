import { DiscordAPIError } from '@discordjs/rest';
import { type APIMessage, Routes } from 'discord-api-types/v10';
import { defineCommand } from '../../../framework/command';
import type { CommandContext } from '../../../framework/context';
import { toneEmbed } from '../../../framework/embeds';
import { option } from '../../../framework/options';
import { reply } from '../../../framework/reply';
import { botChannelPermissions, botStanding, cannotAssign, lacking } from '../bot-standing';
import { parseEmoji, parseMessageRef, showEmoji } from './emoji';
import { reactionRoleStore } from './store';

const refuse = (title: string, text: string) =>
  reply.message({ ephemeral: true, embeds: [toneEmbed('error', title, `${text}\nNothing was changed.`)] });

const messageOption = option.string('The message: its link (Copy Message Link) or its id', {
  required: true,
});
const emojiOption = option.string('The emoji members react with', { required: true, maxLength: 80 });

/** The message a command names: a link, or an id in the given channel (default: this one). */
function target(ctx: CommandContext, message: string, channelId: string | undefined) {
  const ref = parseMessageRef(message);
  if (!ref) return null;
  return { channelId: ref.channelId ?? channelId ?? ctx.channelId, messageId: ref.messageId };
}

export const rrAdd = defineCommand({
  name: 'add',
  description: 'Give a role to members who react to a message with an emoji',
  category: 'Reaction roles',
  guildOnly: true,
  permissions: ['ManageRoles'],
  mutates: true,
  options: {
    message: messageOption,
    emoji: emojiOption,
    role: option.role('The role to give', { required: true }),
    channel: option.channel('The message’s channel, when you give its id (default: here)'),
  },
  async run(ctx, { message, emoji, role, channel }) {
    const guildId = ctx.guildId as string;
    const where = target(ctx, message, channel?.id);
    if (!where)
      return refuse('Which message?', 'Give the message’s link (right-click → Copy Message Link) or its id.');
    const key = parseEmoji(emoji);
    if (!key)
      return refuse(
        'Which emoji?',
        'Give one emoji, such as 🎮 or a custom emoji from a server the bot is in.',
      );
    const rest = ctx.restNow();
    const botId = ctx.config.applicationId;
    const standing = await botStanding(rest, guildId, botId);
    const why = cannotAssign(standing, role.id, botId);
    if (why) return refuse('The bot cannot give that role', `It cannot: ${why}.`);
    const missing = lacking(await botChannelPermissions(rest, standing, where.channelId, botId), [
      'ViewChannel',
      'ReadMessageHistory',
      'AddReactions',
    ]);
    if (missing.length)
      return refuse(
        'The bot cannot react there',
        `In <#${where.channelId}> it is missing: ${missing.join(', ')}.`,
      );
    try {
      (await rest.get(Routes.channelMessage(where.channelId, where.messageId))) as APIMessage;
    } catch (error) {
      if (error instanceof DiscordAPIError && error.status === 404)
        return refuse('No such message', `There is no message ${where.messageId} in <#${where.channelId}>.`);
      throw error;
    }
    const store = reactionRoleStore(ctx.db);
    const current = await store.read(guildId);
    const taken = current.bindings.find((b) => b.messageId === where.messageId && b.emoji === key);
    if (taken)
      return refuse(
        'Already bound',
        `${showEmoji(key)} on that message already gives <@&${taken.roleId}>. Remove it with \`/reactionroles remove\` first.`,
      );
    try {
      await rest.put(
        Routes.channelMessageOwnReaction(where.channelId, where.messageId, encodeURIComponent(key)),
      );
    } catch (error) {
      if (error instanceof DiscordAPIError && error.status === 400)
        return refuse(
          'The bot cannot use that emoji',
          'A custom emoji must come from a server the bot is in.',
        );
      throw error;
    }
    const saved = await store.write(
      guildId,
      { bindings: [...current.bindings, { ...where, emoji: key, roleId: role.id }] },
      ctx.user.id,
      'reaction-roles.add',
    );
    if (!saved.ok) return refuse('Too many reaction roles', saved.problems.join('\n'));
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'success',
          'Reaction role added',
          `Reacting with ${showEmoji(key)} on [that message](https://discord.com/channels/${guildId}/${where.channelId}/${where.messageId}) gives <@&${role.id}>; removing the reaction takes it back.`,
        ),
      ],
    });
  },
});

export const rrRemove = defineCommand({
  name: 'remove',
  description: 'Stop a reaction role (members keep roles they already have)',
  category: 'Reaction roles',
  guildOnly: true,
  permissions: ['ManageRoles'],
  mutates: true,
  options: { message: messageOption, emoji: emojiOption },
  async run(ctx, { message, emoji }) {
    const guildId = ctx.guildId as string;
    const ref = parseMessageRef(message);
    const key = parseEmoji(emoji);
    if (!ref || !key) return refuse('Which reaction role?', 'Give the message’s link or id and its emoji.');
    const store = reactionRoleStore(ctx.db);
    const current = await store.read(guildId);
    const found = current.bindings.find((b) => b.messageId === ref.messageId && b.emoji === key);
    if (!found)
      return refuse(
        'Not found',
        `${showEmoji(key)} on that message is not a reaction role. See \`/reactionroles list\`.`,
      );
    await store.write(
      guildId,
      { bindings: current.bindings.filter((b) => b !== found) },
      ctx.user.id,
      'reaction-roles.remove',
    );
    ctx.waitUntil(
      ctx
        .rest()
        .delete(Routes.channelMessageOwnReaction(found.channelId, found.messageId, encodeURIComponent(key)))
        .catch(() => {}),
    );
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'success',
          'Reaction role removed',
          `${showEmoji(key)} no longer gives <@&${found.roleId}>.`,
        ),
      ],
    });
  },
});

export const rrList = defineCommand({
  name: 'list',
  description: 'The reaction roles in this server',
  category: 'Reaction roles',
  guildOnly: true,
  async run(ctx) {
    const guildId = ctx.guildId as string;
    const { bindings } = await reactionRoleStore(ctx.db).read(guildId);
    const lines = bindings.map(
      (b) =>
        `${showEmoji(b.emoji)} → <@&${b.roleId}> · [message](https://discord.com/channels/${guildId}/${b.channelId}/${b.messageId}) in <#${b.channelId}>`,
    );
    const shown = lines.slice(0, 30);
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'info',
          `Reaction roles (${bindings.length})`,
          bindings.length
            ? `${shown.join('\n')}${lines.length > shown.length ? `\n…and ${lines.length - shown.length} more` : ''}`
            : 'None yet. Add one with `/reactionroles add`.',
        ),
      ],
    });
  },
});
