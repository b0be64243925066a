import { Routes } from 'discord-api-types/v10';
import { defineHook, type HookContext } from '../../../hooks/hook-handler';
import { greetingMessage } from './greeting-message';
import { greetingValues } from './greeting-values';
import { type GreetingKind, welcomeSettings } from './settings';

async function greet(
  ctx: HookContext,
  kind: GreetingKind,
  member: { guildId: string; userId: string; username: string; bot: boolean },
) {
  const greeting = welcomeSettings.parse(ctx.settings)[kind];
  if (!greeting.channelId) return;
  const values = await greetingValues(ctx.rest, member.guildId, {
    id: member.userId,
    username: member.username,
    global_name: null,
    avatar: null,
  });
  // A failure (the channel is gone, the bot may no longer send there) fails the hook: it is counted,
  // shown in /eh_history and, after five in five minutes, the breaker stops trying for a while.
  await ctx.rest.post(Routes.channelMessages(greeting.channelId), {
    body: greetingMessage(kind, greeting, values),
  });
}

export const welcomeOnJoin = defineHook({
  event: 'member_joined',
  name: 'welcome',
  run: (ctx, member) => greet(ctx, 'welcome', member),
});

export const goodbyeOnLeave = defineHook({
  event: 'member_left',
  name: 'goodbye',
  run: (ctx, member) => greet(ctx, 'goodbye', { ...member, bot: false }),
});
