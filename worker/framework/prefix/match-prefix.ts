export interface PrefixMatch {
  /** The command name as typed. */
  name: string;
  /** Everything after the name, leading whitespace removed. */
  rest: string;
  via: 'prefix' | 'mention';
}

/**
 * Finds the command in a message: `<prefix>name args` or, when mentions are allowed, `<@bot> name args`
 * (also `<@!bot>`). Whitespace after the prefix is tolerated; prefixes are case-sensitive.
 */
export function matchPrefix(
  content: string,
  opts: { prefix: string; mentionEnabled: boolean; botId: string },
): PrefixMatch | null {
  let body: string | null = null;
  let via: PrefixMatch['via'] = 'prefix';
  if (opts.mentionEnabled) {
    const mention = new RegExp(`^<@!?${opts.botId}>`).exec(content);
    if (mention) {
      body = content.slice(mention[0].length);
      via = 'mention';
    }
  }
  if (body === null && opts.prefix && content.startsWith(opts.prefix)) {
    body = content.slice(opts.prefix.length);
  }
  if (body === null) return null;
  const trimmed = body.trimStart();
  const name = /^\S+/.exec(trimmed)?.[0];
  if (!name) return null;
  return { name, rest: trimmed.slice(name.length).trimStart(), via };
}

/** True when the message is nothing but a mention of the bot. */
export function isBareMention(content: string, botId: string): boolean {
  return new RegExp(`^\\s*<@!?${botId}>\\s*$`).test(content);
}
