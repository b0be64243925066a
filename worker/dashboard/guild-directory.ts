import type { REST } from '@discordjs/rest';
import { type RESTGetAPICurrentUserGuildsResult, Routes } from 'discord-api-types/v10';
import type { BotGuild } from './access';

const TTL_MS = 60_000;
let cached: { at: number; guilds: BotGuild[] } | null = null;

/** The guilds the bot is in (its own `/users/@me/guilds`), cached for a minute per isolate. */
export async function botGuilds(rest: REST, now = Date.now()): Promise<BotGuild[]> {
  if (cached && now - cached.at < TTL_MS) return cached.guilds;
  const out: BotGuild[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const query = new URLSearchParams({ limit: '200', ...(after ? { after } : {}) });
    const batch = (await rest.get(Routes.userGuilds(), { query })) as RESTGetAPICurrentUserGuildsResult;
    out.push(...batch.map((g) => ({ id: g.id, name: g.name, icon: g.icon ?? null })));
    if (batch.length < 200) break;
    after = batch[batch.length - 1]?.id;
  }
  cached = { at: now, guilds: out };
  return out;
}

/** Forget the cache (tests that change which guilds the bot is in). */
export function forgetBotGuilds() {
  cached = null;
}
