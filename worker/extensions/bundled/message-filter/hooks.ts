import { Routes } from 'discord-api-types/v10';
import { defineHook } from '../../../hooks/hook-handler';
import { firstMatch } from './rules';
import { filterSettings } from './settings';

/**
 * Checks every server message against the filter. Bots, exempt roles and exempt channels pass. A match
 * is deleted; `warn` also tells the author why, `timeout` also times them out. If Discord refuses (the
 * bot lost Manage Messages or Timeout Members), the hook fails and shows in /eh_history.
 */
export const filterMessages = defineHook({
  event: 'message_created',
  name: 'filter',
  priority: 100,
  async run(ctx, message) {
    if (!message.guildId || message.authorBot) return;
    const settings = filterSettings.parse(ctx.settings);
    if (!settings.words.length && !settings.patterns.length) return;
    if (settings.exemptChannels.includes(message.channelId)) return;
    if (message.roles.some((r) => settings.exemptRoles.includes(r))) return;
    const hit = firstMatch(message.content, settings);
    if (!hit) return;
    const reason = `Message filter: ${hit.kind} rule`;
    await ctx.rest.delete(Routes.channelMessage(message.channelId, message.messageId), { reason });
    if (settings.action === 'timeout') {
      const until = new Date(ctx.emittedAt + settings.timeoutMinutes * 60_000).toISOString();
      await ctx.rest.patch(Routes.guildMember(message.guildId, message.authorId), {
        body: { communication_disabled_until: until },
        reason,
      });
    }
    if (settings.action === 'warn' || settings.action === 'timeout') {
      await ctx.rest.post(Routes.channelMessages(message.channelId), {
        body: {
          content: `<@${message.authorId}>, your message was removed: it broke this server's filter${settings.action === 'timeout' ? ` (timed out for ${settings.timeoutMinutes} min)` : ''}.`,
          allowed_mentions: { users: [message.authorId] },
        },
      });
    }
  },
});
