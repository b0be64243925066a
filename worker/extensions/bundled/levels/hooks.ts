import { Routes } from 'discord-api-types/v10';
import { defineHook } from '../../../hooks/hook-handler';
import { awardXp } from './level-store';
import { levelSettings } from './settings';
import { xpForMessage } from './xp-math';

/** XP for server messages (one award per cooldown), and a level-up message when a level is crossed. */
export const earnXp = defineHook({
  event: 'message_created',
  name: 'earn-xp',
  async run(ctx, message) {
    if (!message.guildId || message.authorBot) return;
    const s = levelSettings.parse(ctx.settings);
    if (s.noXpChannels.includes(message.channelId)) return;
    if (message.roles.some((r) => s.noXpRoles.includes(r))) return;
    const award = await awardXp(ctx.db, {
      guildId: message.guildId,
      userId: message.authorId,
      amount: xpForMessage(message.messageId, s.xpMin, s.xpMax),
      atMs: ctx.emittedAt,
      cooldownMs: s.cooldownSeconds * 1000,
    });
    if (!award?.levelUp || s.announceChannelId === 'off') return;
    const text = s.message
      .replaceAll('{user}', `<@${message.authorId}>`)
      .replaceAll('{level}', String(award.levelUp));
    await ctx.rest.post(Routes.channelMessages(s.announceChannelId ?? message.channelId), {
      body: { content: text, allowed_mentions: { users: [message.authorId] } },
    });
  },
});
