/** Discord allows at most this many global slash commands per application. */
export const DISCORD_SLASH_LIMIT = 100;
