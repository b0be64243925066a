import { Routes } from 'discord-api-types/v10';
import type { ReactionPayload } from '../../../hooks/events';
import { defineHook, type HookContext } from '../../../hooks/hook-handler';
import { emojiKey } from './emoji';
import { reactionRoleSettings } from './settings';

async function apply(ctx: HookContext, reaction: ReactionPayload, give: boolean) {
  if (!reaction.guildId || reaction.userId === ctx.config.applicationId) return;
  const key = emojiKey(reaction.emoji);
  const { bindings } = reactionRoleSettings.parse(ctx.settings);
  const matches = bindings.filter((b) => b.messageId === reaction.messageId && b.emoji === key);
  for (const b of matches) {
    const route = Routes.guildMemberRole(reaction.guildId, reaction.userId, b.roleId);
    const reason = `Reaction role ${key} on message ${b.messageId}`;
    // Adding a role the member has (or removing one they lack) is a no-op for Discord: idempotent.
    if (give) await ctx.rest.put(route, { reason });
    else await ctx.rest.delete(route, { reason });
  }
}

export const giveOnReaction = defineHook({
  event: 'reaction_added',
  name: 'give-role',
  run: (ctx, reaction) => apply(ctx, reaction, true),
});

export const takeOnUnreact = defineHook({
  event: 'reaction_removed',
  name: 'take-role',
  run: (ctx, reaction) => apply(ctx, reaction, false),
});
