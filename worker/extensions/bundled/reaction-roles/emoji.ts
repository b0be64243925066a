/**
 * The emoji key used in bindings and reaction routes: a custom emoji `<:name:id>` (or `<a:name:id>`)
 * becomes `name:id`; a unicode emoji stays as it is. Null for anything else.
 */
export function parseEmoji(input: string): string | null {
  const text = input.trim();
  const custom = /^<a?:(\w{2,32}):(\d{17,20})>$/.exec(text);
  if (custom) return `${custom[1]}:${custom[2]}`;
  if (/^\w{2,32}:\d{17,20}$/.test(text)) return text;
  // Unicode: short, no spaces, no ASCII letters or digits (which would be a name, not an emoji).
  if (text.length > 0 && text.length <= 16 && !/[\s\w<>:]/.test(text)) return text;
  return null;
}

/** The key for a reaction event's emoji. */
export function emojiKey(emoji: { id: string | null; name: string | null }): string {
  return emoji.id ? `${emoji.name}:${emoji.id}` : (emoji.name ?? '');
}

/** How to show a binding's emoji in a message. */
export function showEmoji(key: string): string {
  const custom = /^(\w+):(\d+)$/.exec(key);
  return custom ? `<:${custom[1]}:${custom[2]}>` : key;
}

/** A message link (https://discord.com/channels/guild/channel/message) or a bare message id. */
export function parseMessageRef(input: string): { channelId: string | null; messageId: string } | null {
  const link = /channels\/(\d{17,20}|@me)\/(\d{17,20})\/(\d{17,20})\s*$/.exec(input.trim());
  if (link) return { channelId: link[2] as string, messageId: link[3] as string };
  if (/^\d{17,20}$/.test(input.trim())) return { channelId: null, messageId: input.trim() };
  return null;
}
