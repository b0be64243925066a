import { GuildSettingsStore, type PrefixSettings } from '../settings/guild-settings';

/** How long a shard trusts a guild's cached prefix when nobody told it of a change. */
const PREFIX_TTL_MS = 10 * 60_000;

/**
 * The guild settings a gateway shard reads for every message: prefixes cached in memory, so a busy
 * channel costs no D1 reads. `/setprefix` and `/mentionprefix` invalidate the guild's entry at once
 * (through the coordinator); the TTL only bounds what a lost invalidation could leave stale.
 */
export class CachedGuildSettings extends GuildSettingsStore {
  private readonly cache = new Map<string, { value: PrefixSettings; at: number }>();

  override async prefixes(guildId: string | null): Promise<PrefixSettings> {
    const key = guildId ?? '@dm';
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < PREFIX_TTL_MS) return hit.value;
    const value = await super.prefixes(guildId);
    this.cache.set(key, { value, at: Date.now() });
    return value;
  }

  override async setPrefix(guildId: string, prefix: string | null, actorId: string): Promise<void> {
    this.cache.delete(guildId);
    await super.setPrefix(guildId, prefix, actorId);
    this.cache.delete(guildId);
  }

  override async setMentionPrefix(guildId: string, enabled: boolean | null, actorId: string): Promise<void> {
    this.cache.delete(guildId);
    await super.setMentionPrefix(guildId, enabled, actorId);
    this.cache.delete(guildId);
  }

  invalidate(guildId: string) {
    this.cache.delete(guildId);
  }
}
