/**
 * For `npm run bench:restore`: damages a generated guild the way a raid would (deterministically: the same
 * guild gives the same damage), and reads what the worker wrote from the emulator's request log.
 */
import { control } from './backup-capture';
import { asBot } from './restore-flow';

interface Emulator {
  url: string;
  apiBase: string;
  botToken: string;
}

interface Role {
  id: string;
  name: string;
  managed: boolean;
  position: number;
  permissions: string;
}

interface Channel {
  id: string;
  type: number;
  name: string;
}

export interface Damage {
  rolesDeleted: number;
  channelsDeleted: number;
  emojisDeleted: number;
  channelsRenamed: number;
  rolePermissionsChanged: number;
}

const byId = (a: { id: string }, b: { id: string }) =>
  a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The guild's first text channel by id: where the bench sends its commands (the nuke spares it). */
export async function firstTextChannel(emulator: Emulator, guildId: string): Promise<string> {
  const channels = await asBot<Channel[]>(emulator, 'GET', `/guilds/${guildId}/channels`);
  const text = channels.filter((c) => c.type === 0).sort(byId)[0];
  if (!text) throw new Error(`guild ${guildId} has no text channel`);
  return text.id;
}

/**
 * Through the control API: every third unmanaged role (not @everyone), every third channel (categories
 * included, not `spare`) and every fourth emoji deleted. Through the bot's REST: every fifth surviving text
 * channel renamed, every fifth surviving role stripped of its permissions, and @everyone made Administrator.
 */
export async function nuke(emulator: Emulator, guildId: string, spare: string): Promise<Damage> {
  const ok = async (path: string) => {
    const res = await control<unknown>(emulator.url, path, { method: 'DELETE' });
    if (res.status >= 300) throw new Error(`DELETE /__emulator${path} answered ${res.status}`);
  };
  const roles = (await asBot<Role[]>(emulator, 'GET', `/guilds/${guildId}/roles`))
    .filter((r) => !r.managed && r.id !== guildId)
    .sort((a, b) => a.position - b.position || byId(a, b));
  const channels = (await asBot<Channel[]>(emulator, 'GET', `/guilds/${guildId}/channels`))
    .filter((c) => c.id !== spare)
    .sort(byId);
  const emojis = (await asBot<{ id: string }[]>(emulator, 'GET', `/guilds/${guildId}/emojis`)).sort(byId);
  const third = <T>(list: T[]) => list.filter((_, i) => i % 3 === 0);

  const deadRoles = third(roles);
  const deadChannels = third(channels);
  const deadEmojis = emojis.filter((_, i) => i % 4 === 0);
  for (const r of deadRoles) await ok(`/guilds/${guildId}/roles/${r.id}`);
  for (const c of deadChannels) await ok(`/channels/${c.id}`);
  for (const e of deadEmojis) await ok(`/guilds/${guildId}/emojis/${e.id}`);

  const renamed = channels
    .filter((c) => c.type === 0 && !deadChannels.includes(c))
    .filter((_, i) => i % 5 === 0);
  for (const [i, c] of renamed.entries())
    await asBot(emulator, 'PATCH', `/channels/${c.id}`, { name: `raided-${i + 1}` });
  const stripped = roles.filter((r) => !deadRoles.includes(r)).filter((_, i) => i % 5 === 0);
  for (const r of stripped)
    await asBot(emulator, 'PATCH', `/guilds/${guildId}/roles/${r.id}`, { permissions: '0' });
  await asBot(emulator, 'PATCH', `/guilds/${guildId}/roles/${guildId}`, { permissions: '8' });
  return {
    rolesDeleted: deadRoles.length,
    channelsDeleted: deadChannels.length,
    emojisDeleted: deadEmojis.length,
    channelsRenamed: renamed.length,
    rolePermissionsChanged: stripped.length + 1,
  };
}

interface LogEntry {
  kind: 'rest' | 'cdn';
  method: string;
  path: string;
  status: number;
}

export interface Writes {
  /** Write requests (POST/PATCH/PUT/DELETE) to the guild API, however Discord answered. */
  sent: number;
  /** Of those, answered below 400. */
  ok: number;
  /** Every 429 in the period (reads too). */
  tooManyRequests: number;
  /** Write requests by "METHOD route", the ids replaced by `:id`. */
  byRoute: Record<string, number>;
  /** Answers of 400 or more other than 429, as "METHOD path status". */
  errors: string[];
  /** All REST requests in the period (reads, writes, interaction webhooks). */
  rest: number;
}

/** How many REST requests the emulator has logged so far: the start of a measured period. */
export async function logLength(emulatorUrl: string): Promise<number> {
  return (await control<LogEntry[]>(emulatorUrl, '/log?kind=rest')).data.length;
}

const WRITE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * The worker's guild writes since `from` (a `logLength`): interaction callbacks and webhooks (the progress
 * edits) and channel messages do not count. Nothing else talks to the emulator meanwhile.
 */
export async function writesSince(emulatorUrl: string, from: number): Promise<Writes> {
  const during = (await control<LogEntry[]>(emulatorUrl, '/log?kind=rest')).data.slice(from);
  const writes = during.filter(
    (e) =>
      WRITE.has(e.method) &&
      !e.path.startsWith('/webhooks/') &&
      !e.path.startsWith('/interactions/') &&
      !/^\/channels\/\d+\/messages/.test(e.path),
  );
  const byRoute: Record<string, number> = {};
  for (const e of writes) {
    const route = `${e.method} ${e.path.replace(/\d{15,}/g, ':id')}`;
    byRoute[route] = (byRoute[route] ?? 0) + 1;
  }
  return {
    sent: writes.length,
    ok: writes.filter((e) => e.status < 400).length,
    tooManyRequests: during.filter((e) => e.status === 429).length,
    byRoute,
    errors: during
      .filter((e) => e.status >= 400 && e.status !== 429)
      .map((e) => `${e.method} ${e.path} ${e.status}`),
    rest: during.length,
  };
}
