import { env } from 'cloudflare:test';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { catalogue } from '../../worker/extensions/catalogue';
import { HookBus } from '../../worker/hooks/bus';
import type { EventName, PayloadOf } from '../../worker/hooks/events';
import { emulator, interact, resetEmulator } from './harness';

export const inGeneral = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };

/** A slash command as `user` in #general; returns the reply's first embed and the whole record. */
export async function slash(
  user: string,
  name: string,
  options: { name: string; type: number; value: unknown }[] = [],
) {
  const record = await interact({
    type: 2,
    user_id: user,
    ...inGeneral,
    data: { name, type: 1, options },
  });
  const data = record.body.data as
    | { embeds?: { title?: string; description?: string }[]; content?: string }
    | undefined;
  return { record, embed: data?.embeds?.[0], content: data?.content };
}

/** Emits an event through the real bus and the bundled catalogue, running the handlers at once. */
export async function emitNow<E extends EventName>(event: E, payload: PayloadOf<E>) {
  const bus = new HookBus(env, { extensions: catalogue, queue: null });
  const emission = await bus.emit(event, payload);
  return emission;
}

/** A clean demo guild, no extension state, no hook state. */
export async function freshGuild() {
  await resetEmulator();
  await env.DB.batch(
    [
      'guild_extensions',
      'hook_state',
      'hook_history',
      'hook_metrics',
      'hook_receipts',
      'member_levels',
      'audit_log',
      'interaction_receipts',
      'cooldowns',
    ].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
}

/** Switches a bundled extension on in the demo guild, as its owner would with /extensions. */
export async function enable(extension: string) {
  const { embed } = await slash(DEMO.users.ada, 'extensions enable', [
    { name: 'name', type: 3, value: extension },
  ]);
  return embed;
}

/** An admin gives the bot's member another role (on top of its own managed role). */
export async function giveBotRole(roleId: string) {
  await emulator(`/guilds/${DEMO.guildId}/members/${DEMO.botUserId}`, {
    method: 'PATCH',
    body: { roles: [DEMO.roles.bot, roleId] },
  });
}

export async function channelMessages(channelId: string) {
  return emulator<
    {
      id: string;
      content: string;
      author: { id: string };
      embeds: { title?: string; description?: string }[];
    }[]
  >(`/channels/${channelId}/messages`);
}
