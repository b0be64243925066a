import { ChannelType } from 'discord-api-types/v10';
import type { Snapshot } from './snapshot-schema';

export interface SnapshotCounts {
  roles: number;
  categories: number;
  channels: number;
  text: number;
  voice: number;
  forum: number;
  stage: number;
  emojis: number;
  stickers: number;
  members: number;
  bans: number;
}

/** Counts for the index row. Roles exclude @everyone; channels exclude categories. */
export function countSnapshot(s: Snapshot): SnapshotCounts {
  const of = (...types: number[]) => s.channels.filter((c) => types.includes(c.type)).length;
  return {
    roles: s.roles.filter((r) => r.id !== s.guild.id).length,
    categories: of(ChannelType.GuildCategory),
    channels: s.channels.length - of(ChannelType.GuildCategory),
    text: of(ChannelType.GuildText, ChannelType.GuildAnnouncement),
    voice: of(ChannelType.GuildVoice),
    forum: of(ChannelType.GuildForum, ChannelType.GuildMedia),
    stage: of(ChannelType.GuildStageVoice),
    emojis: s.emojis.length,
    stickers: s.stickers.length,
    members: s.members.items.length,
    bans: s.bans.items.length,
  };
}
