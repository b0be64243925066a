import type { APIUser } from 'discord-api-types/v10';
import { isRecord } from './form-errors';
import { makeChannels, makeEmojis, makeRoles, makeStickers, Random } from './generate-parts';
import { ControlError } from './http';
import { DISCORD_EPOCH } from './snowflake';
import { type BanRecord, compareIds, type GuildRecord, type MemberRecord, type StateStore } from './state';

/**
 * Large synthetic guilds for capture tests (`POST /__emulator/guilds/generate`, or `generateGuild` in-process).
 * Ids are the guild id plus 1, 2, 3 … (all within the guild id's millisecond), so members come out in ascending
 * user id order and pages need no sorting. The bot is a member with a managed Administrator role.
 */
export interface GenerateSpec {
  id?: string;
  name?: string;
  roles?: number;
  channels?: number;
  members?: number;
  emojis?: number;
  stickers?: number;
  bans?: number;
  seed?: number | string;
}

export interface GenerateResult {
  guild_id: string;
  counts: {
    roles: number;
    channels: number;
    categories: number;
    members: number;
    emojis: number;
    stickers: number;
    bans: number;
  };
}

/** Defaults and limits (Discord's: 250 roles, 500 channels, 500 emojis and 60 stickers at boost level 3). */
const LIMITS = {
  roles: [10, 2, 250],
  channels: [20, 0, 500],
  members: [50, 1, 1_000_000],
  emojis: [5, 0, 500],
  stickers: [2, 0, 60],
  bans: [3, 0, 1_000_000],
} as const;

export function parseGenerateSpec(body: unknown): GenerateSpec {
  if (body !== undefined && !isRecord(body)) throw new ControlError(400, 'body must be an object');
  const input = body ?? {};
  const spec: GenerateSpec = {};
  for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    const value = input[key];
    if (value === undefined) continue;
    const [, min, max] = LIMITS[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ControlError(400, `${key} must be an integer from ${min} to ${max}`);
    }
    spec[key] = value;
  }
  if (input.id !== undefined) {
    if (typeof input.id !== 'string' || !/^[1-9]\d{15,19}$/.test(input.id))
      throw new ControlError(400, 'id must be a snowflake string');
    spec.id = input.id;
  }
  if (input.name !== undefined) {
    if (typeof input.name !== 'string' || input.name.length < 2 || input.name.length > 100)
      throw new ControlError(400, 'name must be 2-100 characters');
    spec.name = input.name;
  }
  if (input.seed !== undefined) {
    if (typeof input.seed !== 'number' && typeof input.seed !== 'string')
      throw new ControlError(400, 'seed must be a number or a string');
    spec.seed = input.seed;
  }
  return spec;
}

let lastMs = 0;

/** A fresh guild id with its low 22 bits free for the guild's objects. */
function newGuildId(now: number): bigint {
  lastMs = Math.max(now, lastMs + 1);
  return (BigInt(lastMs) - DISCORD_EPOCH) << 22n;
}

function seedNumber(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Every id the state already uses that falls in [lo, hi]. */
function overlaps(store: StateStore, lo: string, hi: string): string | undefined {
  const inRange = (id: string) => compareIds(id, lo) >= 0 && compareIds(id, hi) <= 0;
  const { users, guilds, channels } = store.state;
  for (const u of users) if (inRange(u.id)) return u.id;
  for (const c of channels) if (inRange(c.id)) return c.id;
  for (const g of guilds) {
    if (inRange(g.id)) return g.id;
    for (const list of [g.roles, g.emojis, g.stickers]) for (const x of list) if (inRange(x.id)) return x.id;
  }
  return undefined;
}

function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

export function generateGuild(store: StateStore, input: GenerateSpec, now = Date.now()): GenerateResult {
  const spec = parseGenerateSpec(input);
  const count = (key: keyof typeof LIMITS) => spec[key] ?? LIMITS[key][0];
  const base = spec.id !== undefined ? BigInt(spec.id) : newGuildId(now);
  const guildId = base.toString();
  if (store.guild(guildId)) throw new ControlError(400, `guild ${guildId} already exists`);
  const rng = new Random(seedNumber(spec.seed ?? guildId));
  const botUserId = store.state.botUserId;
  // Upper bound of the ids this guild takes: roles, channels (+ up to 5 forum tags each), emojis, stickers, users.
  const span = count('roles') + count('channels') * 6 + count('emojis') + count('stickers');
  const total = span + count('members') + count('bans') + 1;
  const clash = overlaps(store, guildId, (base + BigInt(total)).toString());
  if (clash)
    throw new ControlError(400, `id ${clash} is already in use in this guild's id range; pick another id`);
  let offset = 0n;
  const nextId = () => (base + ++offset).toString();

  const roles = makeRoles(rng, guildId, botUserId, count('roles'), nextId);
  const emojiIds: string[] = [];
  const memberIdPool: string[] = [];
  const randomMember = () => (memberIdPool.length > 0 ? rng.pick(memberIdPool) : botUserId);
  // Users come after every other object, so reserve their ids first and hand channels a member picker.
  const firstUser = base + BigInt(span) + 1n;
  const memberCount = count('members') - 1;
  for (let i = 0; i < Math.min(memberCount, 64); i++) memberIdPool.push((firstUser + BigInt(i)).toString());
  const emojis = makeEmojis(rng, count('emojis'), roles, memberIdPool[0] ?? botUserId, nextId);
  for (const e of emojis) emojiIds.push(e.id);
  const channels = makeChannels(rng, guildId, count('channels'), roles, nextId, emojiIds, randomMember);
  const stickers = makeStickers(rng, count('stickers'), memberIdPool[0] ?? botUserId, nextId);

  const users: APIUser[] = [];
  const members: MemberRecord[] = [];
  const joinedBase = Number((base >> 22n) + DISCORD_EPOCH);
  const joinedTimes = Array.from({ length: 1024 }, (_, i) => isoAt(joinedBase - (1024 - i) * 3_600_000));
  const botMember: MemberRecord = {
    user_id: botUserId,
    roles: [roles.botRoleId],
    nick: null,
    joined_at: isoAt(joinedBase),
  };
  if (compareIds(botUserId, guildId) < 0) members.push(botMember);
  for (let i = 0; i < memberCount; i++) {
    const id = (firstUser + BigInt(i)).toString();
    users.push({
      id,
      username: `member${i + 1}`,
      discriminator: '0',
      global_name: i % 4 === 0 ? `Member ${i + 1}` : null,
      avatar: null,
      public_flags: 0 as APIUser['public_flags'],
    });
    const memberRoles: string[] = [];
    for (let k = rng.int(4); k > 0 && roles.assignable.length > 0; k--) {
      const r = rng.pick(roles.assignable);
      if (!memberRoles.includes(r)) memberRoles.push(r);
    }
    if (roles.boosterRoleId && rng.chance(0.01)) memberRoles.push(roles.boosterRoleId);
    members.push({
      user_id: id,
      roles: memberRoles,
      nick: rng.chance(0.05) ? `nick${i + 1}` : null,
      joined_at: joinedTimes[Math.floor((i * 1024) / Math.max(1, memberCount))]!,
    });
  }
  if (compareIds(botUserId, guildId) >= 0) members.push(botMember);
  const bans: BanRecord[] = [];
  const firstBanned = firstUser + BigInt(memberCount);
  for (let i = 0; i < count('bans'); i++) {
    const id = (firstBanned + BigInt(i)).toString();
    users.push({
      id,
      username: `banned${i + 1}`,
      discriminator: '0',
      global_name: null,
      avatar: null,
      public_flags: 0 as APIUser['public_flags'],
    });
    bans.push({
      user_id: id,
      reason: rng.chance(0.6) ? rng.pick(['spam', 'raid', 'harassment', 'alt account']) : null,
    });
  }

  const textIds = channels.filter((c) => c.type === 0).map((c) => c.id);
  const voiceId = channels.find((c) => c.type === 2)?.id ?? null;
  const guild: GuildRecord = {
    id: guildId,
    name: spec.name ?? `Generated ${guildId.slice(-6)}`,
    icon: rng.chance(0.5) ? `a_${rng.hex(32)}` : rng.hex(32),
    splash: rng.hex(32),
    discovery_splash: null,
    banner: rng.hex(32),
    description: 'A generated guild',
    owner_id: memberIdPool[0] ?? botUserId,
    preferred_locale: 'en-US',
    features: [
      'ANIMATED_ICON',
      'BANNER',
      'COMMUNITY',
      'ENHANCED_ROLE_COLORS',
      'INVITE_SPLASH',
      'NEWS',
      'ROLE_ICONS',
    ],
    afk_channel_id: voiceId,
    afk_timeout: 300,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    system_channel_id: textIds[0] ?? null,
    system_channel_flags: 0,
    rules_channel_id: textIds[1] ?? textIds[0] ?? null,
    public_updates_channel_id: textIds[2] ?? textIds[0] ?? null,
    safety_alerts_channel_id: textIds[2] ?? textIds[0] ?? null,
    premium_tier: 3,
    premium_subscription_count: 14,
    premium_progress_bar_enabled: false,
    roles: roles.roles,
    members,
    emojis,
    stickers,
    bans,
  };
  const state = store.state;
  for (const user of users) state.users.push(user);
  for (const channel of channels) state.channels.push(channel);
  state.guilds.push(guild);
  return {
    guild_id: guildId,
    counts: {
      roles: guild.roles.length,
      channels: channels.length,
      categories: channels.filter((c) => c.type === 4).length,
      members: members.length,
      emojis: emojis.length,
      stickers: stickers.length,
      bans: bans.length,
    },
  };
}
