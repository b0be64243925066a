import { abortAllDurableObjects, env, runInDurableObject } from 'cloudflare:test';
import { coordinatorOf } from '../../worker/gateway/coordinator-client';
import { shardObjectName } from '../../worker/gateway/intents';
import { emulator, resetEmulator } from './harness';

/** The emulator's gateway sessions, as its control API reports them. */
export interface EmulatedSession {
  session_id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  connected: boolean;
  identifies: number;
  resumes: number;
  closeCodesSent: number[];
  closeCodesReceived: number[];
  usedResumeUrl: boolean;
  /** The last presence update (op 3) the session sent. */
  presence?: unknown;
}

export const coordinator = () => coordinatorOf(env);
export const shardStub = (id: number, count: number) =>
  env.GATEWAY_SHARD.get(env.GATEWAY_SHARD.idFromName(shardObjectName(id, count)));

/**
 * A fast gateway for tests: 700 ms heartbeats, with a generous timeout (3 intervals) so that a loaded CI
 * machine does not look like a dead client, and the given recommended shard count.
 */
export async function fastGateway(extra: Record<string, unknown> = {}) {
  await emulator('/gateway/config', {
    method: 'PUT',
    body: { heartbeatIntervalMs: 700, heartbeatTimeoutFactor: 3, recommendedShards: 1, ...extra },
  });
}

export async function sessions(): Promise<EmulatedSession[]> {
  const res = await emulator<{ sessions: EmulatedSession[] } | EmulatedSession[]>('/gateway/sessions');
  return Array.isArray(res) ? res : res.sessions;
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until shard 0 of 1 satisfies `predicate`; on a timeout the error carries the shard's last metrics and
 * the emulator's sessions (close codes sent and received), so that a failure says what happened instead.
 */
export async function shardUntil(
  what: string,
  predicate: (status: NonNullable<Awaited<ReturnType<ReturnType<typeof shardStub>['status']>>>) => boolean,
  timeoutMs?: number,
) {
  let seen: unknown = null;
  try {
    return await until(
      what,
      async () => {
        const s = await shardStub(0, 1).status();
        seen = s?.metrics ?? null;
        return s && predicate(s) ? s : null;
      },
      timeoutMs,
    );
  } catch (error) {
    const emulated = await sessions().catch(() => []);
    throw new Error(
      `${(error as Error).message}\nshard metrics: ${JSON.stringify(seen)}\nemulator sessions: ${JSON.stringify(emulated)}`,
    );
  }
}

/** Waits until shard `id` of `count` has a ready session; returns its status. */
export function ready(id: number, count: number) {
  return until(`shard ${id} ready`, async () => {
    const status = await shardStub(id, count).status();
    return status?.connected && status.metrics.state === 'ready' ? status : null;
  });
}

/** Stops every shard of `count` (close 1000: the session ends), so the next test starts clean. */
export async function stopShards(count: number) {
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      shardStub(i, count)
        .stop()
        .catch(() => undefined),
    ),
  );
}

/** A user posts in a channel; the emulator dispatches MESSAGE_CREATE to the shard that holds the guild. */
export async function post(channelId: string, authorId: string, content: string) {
  const res = await emulator<{ message: { id: string } }>('/messages', {
    body: { channel_id: channelId, author_id: authorId, content },
  });
  return res.message;
}

/** The bot's replies to a message (messages in the channel that reference it). */
export async function repliesTo(channelId: string, messageId: string) {
  const messages = await emulator<any[]>(`/channels/${channelId}/messages`);
  return messages.filter((m) => m.message_reference?.message_id === messageId);
}

const coordinatorStub = () => env.GATEWAY_COORDINATOR.get(env.GATEWAY_COORDINATOR.idFromName('coordinator'));

/** Before each gateway test: a reset emulator with a fast gateway, no cooldowns or custom prefixes. */
export async function freshGateway(extra: Record<string, unknown> = {}) {
  await resetEmulator();
  await fastGateway(extra);
  // Each test identifies afresh: forget the previous test's identify (Discord's 5 s spacing is per test here).
  await runInDurableObject(coordinatorStub(), (_instance, state) => state.storage.delete('ledger'));
  await env.DB.batch(['cooldowns', 'guild_settings'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
}

/** After each: shards stopped, their objects emptied (fresh metrics, no cached prefixes), instances reset. */
export async function tearDownShards(count: number) {
  await stopShards(count);
  for (let i = 0; i < count; i++)
    await runInDurableObject(shardStub(i, count), (_instance, state) => state.storage.deleteAll());
  await runInDurableObject(coordinatorStub(), (_instance, state) => state.storage.deleteAll());
  await abortAllDurableObjects();
}

export async function startOne() {
  await coordinator().ensureShards();
  return ready(0, 1);
}
