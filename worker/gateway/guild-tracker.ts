/**
 * The guilds a shard holds: those READY listed (which arrive as GUILD_CREATE without being joins), and those
 * added or removed since. A GUILD_CREATE for a guild READY did not list is the bot joining it.
 */
export class GuildTracker {
  private readyGuilds = new Set<string>();
  private guilds = new Set<string>();

  get size() {
    return this.guilds.size;
  }

  /** A new session: READY's guilds are the shard's. Returns how many. */
  ready(ids: readonly string[]): number {
    this.readyGuilds = new Set(ids);
    this.guilds = new Set(ids);
    return this.guilds.size;
  }

  /** GUILD_CREATE: true when the bot joined the guild (not when it only became available). */
  created(id: string): boolean {
    if (this.guilds.has(id)) return false;
    this.guilds.add(id);
    return !this.readyGuilds.has(id);
  }

  /** GUILD_DELETE without `unavailable`: true when the shard held the guild. */
  removed(id: string): boolean {
    return this.guilds.delete(id);
  }
}
