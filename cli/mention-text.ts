/**
 * Typed `@name`s in a message turned into real mentions, `<@id>`, the way Discord's client does when you
 * pick a name from its list: `@Edgeward help` becomes `<@1300000000000000001> help`, which the bot reads as
 * an @mention command. Only exact names count (username, display name or server nickname, any case), so
 * `@everyone`, `@here` and names nobody has stay as typed.
 */
import type { Directory, UserEntry } from './directory';
import { memberOf } from './lookup';

/** `@` at the start or after a space or an opening bracket, then a name of letters, digits, `_`, `.`, `-`. */
const TYPED_MENTION = /(^|[\s([{])@([\p{L}\p{N}_.-]+)/gu;

function userNamed(dir: Directory, name: string, guildId: string | undefined): UserEntry | undefined {
  const wanted = name.toLowerCase();
  const same = (value: string | null | undefined) => value?.toLowerCase() === wanted;
  return (
    dir.users.find((u) => same(u.username)) ??
    dir.users.find((u) => same(memberOf(dir, guildId, u.id)?.nick)) ??
    dir.users.find((u) => same(u.global_name))
  );
}

/** Replaces every typed `@name` of a known user with `<@id>`; a trailing `.` or `-` stays text. */
export function typedMentionsToIds(text: string, dir: Directory, guildId?: string): string {
  return text.replace(TYPED_MENTION, (whole, before: string, typed: string) => {
    const name = typed.replace(/[.-]+$/, '');
    const user = name ? userNamed(dir, name, guildId) : undefined;
    return user ? `${before}<@${user.id}>${typed.slice(name.length)}` : whole;
  });
}
