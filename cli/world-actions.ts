/**
 * What members do besides typing, for the gateway-driven features (reaction roles, welcome and goodbye):
 * `react <emoji> [message id]`, `unreact …`, `join <user>`, `leave <user>`. The emulator dispatches the
 * matching gateway events, as Discord would.
 */
import type { ClientDeps } from './client-commands';
import { findUser } from './lookup';

/** A unicode emoji (`🎮`) or a custom one written `<:name:id>`, `<a:name:id>` or `name:id`. */
export function parseEmoji(text: string): { name: string; id?: string } | null {
  const custom = /^(?:<a?:)?([\w~]{2,32}):(\d{17,20})>?$/.exec(text);
  if (custom) return { name: custom[1] as string, id: custom[2] as string };
  if (!text || text.length > 32 || /^[\w\s]+$/.test(text)) return null;
  return { name: text };
}

/** The message to react to: the id given, else the target message, else the channel's last message. */
async function messageToReactTo(given: string | undefined, deps: ClientDeps): Promise<string | null> {
  if (given) return /^\d{17,20}$/.test(given) ? given : null;
  if (deps.session.target) return deps.session.target.id;
  const channelId = deps.session.currentChannelId;
  if (!channelId) return null;
  // Ephemeral replies are not channel messages: nobody can react to them.
  const messages = await deps.client.channelMessages(channelId, deps.session.userId);
  return messages.filter((m) => !m.ephemeralFor).at(-1)?.message.id ?? null;
}

export async function react(args: string[], deps: ClientDeps, remove: boolean): Promise<void> {
  const { session, io, client } = deps;
  const usage = `usage: ${remove ? 'unreact' : 'react'} <emoji> [message id]`;
  const emoji = parseEmoji(args[0] ?? '');
  const channelId = session.currentChannelId;
  if (!emoji || args.length > 2) return io.print(usage);
  if (!session.userId || !channelId)
    return io.print('pick a user and a channel first (as <user>, channel <#name>)');
  const messageId = await messageToReactTo(args[1], deps);
  if (!messageId) return io.print(usage);
  await client.react(
    { channel_id: channelId, message_id: messageId, user_id: session.userId, emoji },
    remove,
  );
  io.print(
    `${session.user?.username ?? session.userId} ${remove ? 'removed' : 'added'} ${emoji.name} on ${messageId}`,
  );
}

export async function membership(rest: string, deps: ClientDeps, change: 'join' | 'leave'): Promise<void> {
  const { session, io, client } = deps;
  if (!session.guildId) return io.print('switch to a guild first (guild <name>)');
  const user = rest ? findUser(session.dir, rest) : session.user;
  if (!user) return io.print(`usage: ${change} <user>`);
  await client.membership(session.guildId, user.id, change);
  io.print(
    `${user.username} ${change === 'join' ? 'joined' : 'left'} ${session.guild?.name ?? session.guildId}`,
  );
}
