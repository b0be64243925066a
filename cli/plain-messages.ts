/**
 * Plain messages: a line that is not a client or slash command (`!help`, `@Edgeward stats`, `hello`) is
 * posted as the acting user through the emulator, then the bot's replies to it (messages whose
 * `message_reference` names it) are awaited and shown. Their buttons and menus work with `press` and
 * `select` like those of interaction replies. Prefix and @mention commands are run by the worker's gateway
 * shards, so without them nothing answers: the hint says so.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { APIMessage } from 'discord-api-types/v10';
import type { ClientDeps } from './client-commands';
import { EmulatorError, type UserMessageRequest } from './emulator-client';
import { typedMentionsToIds } from './mention-text';

export interface ReplyWait {
  /** How long to wait for the bot's reply. */
  timeoutMs: number;
  /** How often to look at the channel meanwhile. */
  pollMs: number;
}

export const DEFAULT_REPLY_WAIT: ReplyWait = { timeoutMs: 5_000, pollMs: 250 };

export const NO_SHARD_HINT =
  'no gateway shard received it; prefix and @mention commands need the gateway shards (GATEWAY_ENABLED)';
export const NO_REPLY_HINT =
  'prefix and @mention commands need the gateway shards (GATEWAY_ENABLED) and, for prefixes, the Message Content intent';

const isBotReplyTo = (message: APIMessage, messageId: string, botUserId: string | undefined) =>
  message.message_reference?.message_id === messageId &&
  (message.author?.bot === true || (botUserId !== undefined && message.author?.id === botUserId));

/** Polls the channel until the bot has replied to `messageId` or the wait is over; oldest first. */
export async function waitForReplies(
  deps: Pick<ClientDeps, 'client' | 'session'>,
  channelId: string,
  messageId: string,
  wait: ReplyWait,
): Promise<APIMessage[]> {
  const { client, session } = deps;
  const deadline = Date.now() + wait.timeoutMs;
  while (true) {
    const replies = (await client.channelMessages(channelId, session.userId))
      .map(({ message }) => message)
      .filter((message) => isBotReplyTo(message, messageId, session.dir.botUserId));
    if (replies.length > 0) return replies;
    const left = deadline - Date.now();
    if (left <= 0) return [];
    await sleep(Math.min(wait.pollMs, left));
  }
}

/** Posts `text` as the acting user where they are (typed @names become mentions) and shows the replies. */
export async function postPlainMessage(text: string, deps: ClientDeps): Promise<void> {
  const { session, client, io, runner } = deps;
  const { paint } = deps.render();
  const authorId = session.userId;
  if (!authorId) {
    io.print('no acting user; pick one with: as <user>');
    return;
  }
  if (!session.inDm && !session.channelId) {
    io.print('no channel here; pick one with: channel <#name>');
    return;
  }
  const content = typedMentionsToIds(text, session.dir, session.guildId);
  const request: UserMessageRequest = session.inDm
    ? { dm: true, author_id: authorId, content }
    : { channel_id: session.channelId ?? '', author_id: authorId, content };
  let posted: Awaited<ReturnType<typeof client.postMessage>>;
  try {
    posted = await client.postMessage(request);
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    io.print(`✗ ${error.message}`);
    return;
  }
  const channelId = posted.message.channel_id;
  if (session.inDm) session.dmChannels.set(authorId, channelId);
  if (content !== text) io.print(paint.dim(`sent as: ${content}`));
  if (posted.delivered?.length === 0) {
    io.print(paint.dim(`(no reply: ${NO_SHARD_HINT})`));
    return;
  }
  const wait = deps.replyWait ?? DEFAULT_REPLY_WAIT;
  const replies = await waitForReplies(deps, channelId, posted.message.id, wait);
  if (replies.length === 0) {
    io.print(paint.dim(`(no reply within ${wait.timeoutMs / 1000} s: ${NO_REPLY_HINT})`));
    return;
  }
  for (const reply of replies) runner.showMessage(reply, { note: '(reply)' });
}
