/**
 * `npm run bench:gateway`: pushes messages through the emulator's gateway into one shard Durable Object
 * (the real worker under `wrangler dev`, bundled once) and prints:
 * - sustained events per second: plain messages (no command) posted as fast as the emulator takes them, until
 *   a final command's reply shows the shard has worked through them;
 * - p50/p99 from MESSAGE_CREATE to the reply's REST call, for `!about` sent by distinct members (no cooldown
 *   in the way), one every 200 ms spread over the open text channels (so Discord's 5-per-5-s channel limit on
 *   replies is not what is measured); the post time and the emulator's request log share one clock;
 * - the shard's storage writes per event (from `/sharddetails`).
 * Ports: worker 8807 (inspector 8808), emulator 8809; everything started here is stopped.
 *
 *   npm run bench:gateway -- [--plain 2000] [--commands 120] [--pace 200] [--concurrency 8]
 */
import { mkdirSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { generateGuild } from '../bench/backup-capture';
import { emulatorVars, startFrozenWorker } from '../bench/frozen-worker';
import { ensureFree, Processes, root } from '../bench/setup';
import { spawnEmulator } from '../cli/spawn-emulator';

const WORKER_PORT = 8807;
const INSPECTOR_PORT = 8808;
const EMULATOR_PORT = 8809;
const OLIVE = '1300000000000001000';

const { values } = parseArgs({
  options: {
    plain: { type: 'string', default: '2000' },
    commands: { type: 'string', default: '120' },
    concurrency: { type: 'string', default: '8' },
    pace: { type: 'string', default: '200' },
  },
});
const plainCount = Number(values.plain);
const commandCount = Number(values.commands);
const concurrency = Number(values.concurrency);
const PACE_MS = Number(values.pace);

const processes = new Processes();
const step = (text: string) => console.error(`• ${text}…`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function control<T>(base: string, path: string, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(`${base}/__emulator${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

interface LogEntry {
  method: string;
  path: string;
  at: number;
  body?: { message_reference?: { message_id?: string } };
}

/** When the bot's reply to each message was sent (the emulator's request log). */
async function replyTimes(base: string, channelId: string): Promise<Map<string, number>> {
  const log = await control<LogEntry[]>(
    base,
    `/log?method=POST&path=/channels/${channelId}/messages&kind=rest`,
  );
  const out = new Map<string, number>();
  for (const e of log) {
    const ref = e.body?.message_reference?.message_id;
    if (ref && !out.has(ref)) out.set(ref, e.at);
  }
  return out;
}

async function main() {
  const benchDir = `${root}.bench`;
  mkdirSync(benchDir, { recursive: true });
  const log = openSync(`${benchDir}/bench-gateway.log`, 'w');
  const ports = [WORKER_PORT, INSPECTOR_PORT, EMULATOR_PORT];
  for (const port of ports) await ensureFree(port, ports);

  step(`Starting the Discord emulator on port ${EMULATOR_PORT}`);
  const emulator = await spawnEmulator(['--port', String(EMULATOR_PORT)]);
  processes.add(emulator.child, emulator.stop);
  const guild = await generateGuild(emulator, 'bench-gateway', {
    roles: 10,
    channels: 12,
    members: Math.max(50, commandCount + 10),
    emojis: 0,
    stickers: 0,
    bans: 0,
  });
  const channels = (await (
    await fetch(`${emulator.apiBase}/guilds/${guild.guildId}/channels`, {
      headers: { authorization: `Bot ${emulator.botToken}` },
    })
  ).json()) as { id: string; type: number; permission_overwrites: unknown[] }[];
  // Replies are limited to 5 per 5 s per channel (as on Discord): commands rotate over the open text channels.
  const open = channels.filter((c) => c.type === 0 && c.permission_overwrites.length === 0);
  const channel = open[0];
  if (!channel) throw new Error('the generated guild has no open text channel');
  const members = (await (
    await fetch(`${emulator.apiBase}/guilds/${guild.guildId}/members?limit=1000`, {
      headers: { authorization: `Bot ${emulator.botToken}` },
    })
  ).json()) as { user: { id: string; bot?: boolean } }[];
  const people = members.filter((m) => !m.user.bot).map((m) => m.user.id);

  step(`Bundling the worker once and starting it on port ${WORKER_PORT} (log: .bench/bench-gateway.log)`);
  await startFrozenWorker({
    dir: `${benchDir}/gateway-worker`,
    generator: 'scripts/bench-gateway.ts',
    port: WORKER_PORT,
    inspectorPort: INSPECTOR_PORT,
    // The generated guild's owner is a bot owner, for /sharddetails.
    vars: { ...emulatorVars(emulator, [OLIVE, guild.ownerId]), GATEWAY_ENABLED: 'true' },
    log,
    processes,
  });

  step('Waiting for the shard (the first request starts it)');
  await fetch(`http://127.0.0.1:${WORKER_PORT}/health`);
  for (let i = 0; ; i++) {
    const { sessions } = await control<{ sessions: { connected: boolean; seq: number }[] }>(
      emulator.url,
      '/gateway/sessions',
    );
    if (sessions.some((s) => s.connected && s.seq > 0)) break;
    if (i > 300) throw new Error('the shard did not connect within 30 s');
    await sleep(100);
  }
  await sleep(1000);

  step(
    `Latency: ${commandCount} × !about from distinct members, one every ${PACE_MS} ms over ${open.length} channels`,
  );
  const sent = new Map<string, { at: number; channelId: string }>();
  const posts: Promise<void>[] = [];
  for (const [i, author] of people.slice(0, commandCount).entries()) {
    const target = open[i % open.length] as { id: string };
    posts.push(
      (async () => {
        const before = Date.now();
        const { message } = await control<{ message: { id: string } }>(emulator.url, '/messages', {
          channel_id: target.id,
          author_id: author,
          content: '!about',
        });
        sent.set(message.id, { at: before, channelId: target.id });
      })(),
    );
    await sleep(PACE_MS);
  }
  await Promise.all(posts);
  let replies = new Map<string, number>();
  for (let i = 0; i < 600; i++) {
    replies = new Map();
    for (const c of open) for (const [k, v] of await replyTimes(emulator.url, c.id)) replies.set(k, v);
    if ([...sent.keys()].every((id) => replies.has(id))) break;
    await sleep(100);
  }
  const latencies = [...sent]
    .filter(([id]) => replies.has(id))
    .map(([id, { at }]) => (replies.get(id) as number) - at)
    .sort((a, b) => a - b);

  step(`Throughput: ${plainCount} plain messages, ${concurrency * 2} at a time, then one command`);
  const authors = people.slice(commandCount);
  const start = Date.now();
  let n = 0;
  await pool(
    Array.from({ length: plainCount }, (_, i) => i),
    concurrency * 2,
    async (i) => {
      await control(emulator.url, '/messages', {
        channel_id: channel.id,
        author_id: authors[i % Math.max(1, authors.length)] ?? people[0],
        content: `hello ${i}`,
      });
      n++;
    },
  );
  const postedIn = Date.now() - start;
  const sentinel = await control<{ message: { id: string } }>(emulator.url, '/messages', {
    channel_id: channel.id,
    author_id: people.at(-1),
    content: '!about',
  });
  let done = 0;
  for (let i = 0; i < 1200 && !done; i++) {
    done = (await replyTimes(emulator.url, channel.id)).get(sentinel.message.id) ?? 0;
    if (!done) await sleep(50);
  }
  const throughputMs = (done || Date.now()) - start;

  step('Reading the shard’s counters with /sharddetails');
  const details = await control<{
    response: { data: { embeds: { fields: { name: string; value: string }[] }[] } };
  }>(emulator.url, '/interactions/send', {
    url: `http://127.0.0.1:${WORKER_PORT}/interactions`,
    type: 2,
    user_id: guild.ownerId,
    guild_id: guild.guildId,
    channel_id: channel.id,
    data: { name: 'sharddetails', options: [{ name: 'shard_id', type: 4, value: 0 }] },
  });
  const activity = details.response.data.embeds[0]?.fields.find((f) => f.name === 'Activity')?.value ?? '';
  const messages = Number(/Messages: (\d+)/.exec(activity)?.[1]);
  const writes = Number(/Storage writes: (\d+)/.exec(activity)?.[1]);

  console.log(
    `\nEdgeward gateway bench: Node ${process.versions.node}, wrangler dev (local workerd, D1, Durable Objects), ` +
      `emulator gateway on loopback, ${availableParallelism()} CPUs, one shard.\n`,
  );
  console.log('| measure | value |');
  console.log('|---|--:|');
  console.log(`| plain messages posted | ${n} in ${(postedIn / 1000).toFixed(1)} s |`);
  console.log(
    `| sustained events/s (posted → last handled) | ${done ? ((n + 1) / (throughputMs / 1000)).toFixed(0) : 'not finished'} |`,
  );
  console.log(`| prefix commands answered | ${latencies.length}/${sent.size} |`);
  console.log(`| MESSAGE_CREATE → reply REST call, p50 | ${percentile(latencies, 50)} ms |`);
  console.log(`| MESSAGE_CREATE → reply REST call, p99 | ${percentile(latencies, 99)} ms |`);
  console.log(`| events seen by the shard | ${messages} |`);
  console.log(`| storage writes | ${writes} (${(writes / messages).toFixed(3)} per event) |`);
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => processes.stopAll());
