import type { APIOverwrite, APIRole } from 'discord-api-types/v10';
import type { ChannelRecord, EmojiRecord, StickerRecord } from './state';

/**
 * Pieces of a generated guild: a seeded random source, roles, channels (with categories and overwrites), emojis and
 * stickers. `generate.ts` puts them together. Everything is derived from the seed and the id allocator, so the same
 * spec (with an `id` and a `seed`) gives the same guild.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.int(0x10000).toString(16).padStart(4, '0');
    return out.slice(0, length);
  }
}

/** Allocates consecutive ids after the guild id. */
export type NextId = () => string;

const WORDS = ['alpha', 'beacon', 'cedar', 'delta', 'ember', 'fjord', 'garnet', 'harbor', 'iris', 'juniper'];
const ROLE_NAMES = [
  'Moderator',
  'Helper',
  'Artist',
  'Veteran',
  'Event Team',
  'Level',
  'Streamer',
  'Supporter',
];
const EMOJIS = ['🔥', '🎨', '🎮', '📚', '🛡️', '⭐', '🎵', '🌱'];
const EVERYONE_PERMISSIONS = '2150714432';
/** Bits handed out to generated roles: Kick, Ban, Manage Channels/Guild/Messages/Roles, Mention Everyone, … */
const ROLE_BITS = [2n, 4n, 16n, 32n, 8192n, 131072n, 268435456n, 1073741824n, 1099511627776n, 4194304n];
const VIEW = 1024n;
const SEND = 2048n;

export interface RoleSet {
  roles: APIRole[];
  botRoleId: string;
  boosterRoleId: string | undefined;
  /** Roles members may be given at random (not @everyone, not managed). */
  assignable: string[];
}

function role(id: string, name: string, position: number, fields: Partial<APIRole> = {}): APIRole {
  const color = fields.color ?? 0;
  return {
    id,
    name,
    color,
    colors: { primary_color: color, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: '0',
    managed: false,
    mentionable: false,
    flags: 0,
    ...fields,
  } as APIRole;
}

/** `count` roles in all: @everyone, the bot's managed role (Administrator, on top), a booster role, the rest random. */
export function makeRoles(
  rng: Random,
  guildId: string,
  botUserId: string,
  count: number,
  nextId: NextId,
): RoleSet {
  const roles = [role(guildId, '@everyone', 0, { permissions: EVERYONE_PERMISSIONS })];
  const botRoleId = nextId();
  const boosterRoleId = count >= 4 ? nextId() : undefined;
  if (boosterRoleId) {
    roles.push(
      role(boosterRoleId, 'Server Booster', 1, {
        color: 0xf47fff,
        colors: { primary_color: 0xf47fff, secondary_color: null, tertiary_color: null },
        managed: true,
        tags: { premium_subscriber: null },
      }),
    );
  }
  const assignable: string[] = [];
  const others = count - roles.length - 1;
  for (let i = 0; i < others; i++) {
    const id = nextId();
    let permissions = 0n;
    for (const bit of ROLE_BITS) if (rng.chance(0.15)) permissions |= bit;
    if (i < 2 && others > 10) permissions = 8n;
    const color = rng.chance(0.7) ? rng.int(0x1000000) : 0;
    const gradient = color !== 0 && rng.chance(0.15);
    roles.push(
      role(id, `${rng.pick(ROLE_NAMES)} ${i + 1}`, roles.length, {
        color,
        colors: {
          primary_color: color,
          secondary_color: gradient ? rng.int(0x1000000) : null,
          tertiary_color: null,
        },
        hoist: rng.chance(0.2),
        mentionable: rng.chance(0.3),
        permissions: permissions.toString(),
        icon: rng.chance(0.1) ? rng.hex(32) : null,
        unicode_emoji: rng.chance(0.1) ? rng.pick(EMOJIS) : null,
      }),
    );
    assignable.push(id);
  }
  roles.push(
    role(botRoleId, 'Edgeward', roles.length, {
      permissions: '8',
      managed: true,
      tags: { bot_id: botUserId },
    }),
  );
  return { roles, botRoleId, boosterRoleId, assignable };
}

/** Channel types in a realistic mix: mostly text and voice. */
function channelType(rng: Random): number {
  const r = rng.next();
  if (r < 0.55) return 0;
  if (r < 0.72) return 2;
  if (r < 0.79) return 5;
  if (r < 0.84) return 13;
  if (r < 0.93) return 15;
  return 16;
}

function typeFields(rng: Random, type: number, nextId: NextId, emojiIds: string[]): Record<string, unknown> {
  const textual = {
    topic: rng.chance(0.6) ? `About ${rng.pick(WORDS)}` : null,
    nsfw: rng.chance(0.05),
    rate_limit_per_user: rng.pick([0, 0, 0, 5, 10, 30]),
    last_message_id: null,
    default_auto_archive_duration: rng.pick([60, 1440, 4320, 10080]),
    default_thread_rate_limit_per_user: rng.pick([0, 0, 10]),
  };
  const voice = {
    bitrate: rng.pick([64000, 64000, 96000, 8000]),
    user_limit: rng.pick([0, 0, 5, 10, 25]),
    rtc_region: rng.pick([null, null, 'us-east', 'rotterdam']),
    video_quality_mode: rng.pick([1, 1, 2]),
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
  };
  if (type === 0 || type === 5) return textual;
  if (type === 2) return voice;
  if (type === 13) return { ...voice, topic: null };
  const tags = Array.from({ length: rng.int(6) }, (_, i) => {
    const emojiId = emojiIds.length > 0 && rng.chance(0.3) ? rng.pick(emojiIds) : null;
    return {
      id: nextId(),
      name: `${rng.pick(WORDS)}-${i + 1}`,
      moderated: rng.chance(0.2),
      emoji_id: emojiId,
      emoji_name: emojiId ? null : rng.pick([null, ...EMOJIS]),
    };
  });
  const posts: Record<string, unknown> = {
    ...textual,
    available_tags: tags,
    default_reaction_emoji: rng.chance(0.5) ? { emoji_id: null, emoji_name: rng.pick(EMOJIS) } : null,
    default_sort_order: rng.pick([null, 0, 1]),
  };
  if (type === 15) posts.default_forum_layout = rng.pick([0, 1, 2]);
  return posts;
}

function overwrites(rng: Random, guildId: string, roles: RoleSet, memberIds: () => string): APIOverwrite[] {
  if (!rng.chance(0.3)) return [];
  const list: APIOverwrite[] = [{ id: guildId, type: 0, allow: '0', deny: VIEW.toString() }];
  const count = roles.assignable.length > 0 ? 1 + rng.int(3) : 0;
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const id = rng.pick(roles.assignable);
    if (used.has(id)) continue;
    used.add(id);
    list.push({ id, type: 0, allow: (VIEW | (rng.chance(0.5) ? SEND : 0n)).toString(), deny: '0' });
  }
  if (rng.chance(0.2)) list.push({ id: memberIds(), type: 1, allow: VIEW.toString(), deny: SEND.toString() });
  return list as APIOverwrite[];
}

/**
 * `count` channels in all, categories included: about one category per 16 channels, never more than 50 channels
 * in a category, a couple of channels outside any category.
 */
export function makeChannels(
  rng: Random,
  guildId: string,
  count: number,
  roles: RoleSet,
  nextId: NextId,
  emojiIds: string[],
  memberIds: () => string,
): ChannelRecord[] {
  const categoryCount = count >= 2 ? Math.max(1, Math.floor(count / 16)) : 0;
  const channels: ChannelRecord[] = [];
  const categories: { id: string; children: number }[] = [];
  for (let i = 0; i < categoryCount; i++) {
    const id = nextId();
    categories.push({ id, children: 0 });
    channels.push({
      id,
      type: 4,
      guild_id: guildId,
      name: `${rng.pick(WORDS).toUpperCase()} ${i + 1}`,
      position: i,
      parent_id: null,
      permission_overwrites: overwrites(rng, guildId, roles, memberIds),
      flags: 0,
    });
  }
  let loose = 0;
  for (let i = 0; i < count - categoryCount; i++) {
    const type = channelType(rng);
    const open = categories.filter((c) => c.children < 50);
    const parent = open.length > 0 && !(i < 2 && count > 10) ? rng.pick(open) : undefined;
    const position = parent ? parent.children++ : loose++;
    const name = type === 0 || type === 5 || type >= 15 ? `${rng.pick(WORDS)}-${i + 1}` : `Room ${i + 1}`;
    channels.push({
      id: nextId(),
      type,
      guild_id: guildId,
      name,
      position,
      parent_id: parent?.id ?? null,
      permission_overwrites: overwrites(rng, guildId, roles, memberIds),
      flags: type === 16 && rng.chance(0.5) ? 32768 : 0,
      ...typeFields(rng, type, nextId, emojiIds),
    });
  }
  return channels;
}

export function makeEmojis(
  rng: Random,
  count: number,
  roles: RoleSet,
  creator: string,
  nextId: NextId,
): EmojiRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: nextId(),
    name: `${rng.pick(WORDS)}_${i + 1}`,
    roles: roles.assignable.length > 0 && rng.chance(0.1) ? [rng.pick(roles.assignable)] : [],
    user_id: creator,
    require_colons: true,
    managed: false,
    animated: rng.chance(0.25),
    available: true,
  }));
}

/** Formats in turn: PNG, APNG, GIF, Lottie. */
export function makeStickers(rng: Random, count: number, creator: string, nextId: NextId): StickerRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: nextId(),
    name: `${rng.pick(WORDS)} ${i + 1}`,
    description: rng.chance(0.5) ? `A ${rng.pick(WORDS)} sticker` : null,
    tags: rng.pick(EMOJIS),
    format_type: [1, 2, 4, 3][i % 4]!,
    available: true,
    user_id: creator,
  }));
}
