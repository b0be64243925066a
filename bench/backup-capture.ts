/**
 * One measured `/backupcreate` for `npm run bench:backup`, driven entirely through the emulator's control API:
 * generate a guild, find its owner, send the signed command to the worker, wait (bounded) for the edit of the
 * original message that ends the job, and read what the worker did from the emulator's request log.
 */

export interface GuildSpec {
  roles: number;
  channels: number;
  members: number;
  emojis: number;
  stickers?: number;
  bans?: number;
}

export interface GeneratedGuild {
  guildId: string;
  ownerId: string;
  counts: Record<string, number>;
}

interface LogEntry {
  kind: 'rest' | 'cdn';
  method: string;
  path: string;
  status: number;
  at: number;
}

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
}

interface InteractionRecord {
  edits: { target: string; body: { embeds?: Embed[] } | null; at: number }[];
  followups: unknown[];
}

export interface CaptureResult {
  /** From sending `/backupcreate` to the edit that reported the result (emulator clock). */
  seconds: number;
  /** The embed's fields by name (ID, Size, Took, SHA-256, Contents, …). */
  fields: Record<string, string>;
  rest: number;
  /** REST calls that were edits of the interaction's original message (progress and result). */
  webhookEdits: number;
  memberPages: number;
  cdn: number;
  /** CDN answers other than 200 (missing images become warnings in the backup). */
  cdnFailures: number;
  tooManyRequests: number;
  /** Every REST answer of 400 or more other than 429, as "METHOD path status". */
  restErrors: string[];
}

/** Calls the emulator's control API (`/__emulator…`) with a JSON body; 60 s at most. */
export async function control<T>(
  emulatorUrl: string,
  path: string,
  init?: { method: string; body?: unknown },
) {
  const res = await fetch(`${emulatorUrl}/__emulator${path}`, {
    method: init?.method ?? 'GET',
    ...(init?.body !== undefined
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }
      : {}),
    signal: AbortSignal.timeout(60_000),
  });
  const data = (await res.json()) as T & { error?: string };
  return { status: res.status, data };
}

/** Generates a synthetic guild and looks up its owner (the first generated member: every permission). */
export async function generateGuild(
  emulator: { url: string; apiBase: string; botToken: string },
  name: string,
  spec: GuildSpec,
): Promise<GeneratedGuild> {
  const made = await control<{ guild_id: string; counts: Record<string, number> }>(
    emulator.url,
    '/guilds/generate',
    { method: 'POST', body: { name, seed: name, ...spec } },
  );
  if (made.status !== 200) throw new Error(`guild generation failed: ${made.data.error ?? made.status}`);
  return {
    guildId: made.data.guild_id,
    ownerId: await guildOwner(emulator, made.data.guild_id),
    counts: made.data.counts,
  };
}

/** The guild's owner, as the bot sees it over REST. */
export async function guildOwner(
  emulator: { apiBase: string; botToken: string },
  guildId: string,
): Promise<string> {
  const res = await fetch(`${emulator.apiBase}/guilds/${guildId}`, {
    headers: { authorization: `Bot ${emulator.botToken}` },
  });
  const guild = (await res.json()) as { owner_id?: string };
  if (!res.ok || !guild.owner_id) throw new Error(`GET /guilds/${guildId} answered ${res.status}`);
  return guild.owner_id;
}

const finished = (embed: Embed | undefined) =>
  embed?.title?.startsWith('✅') || embed?.title?.startsWith('❌') ? embed : undefined;

/**
 * Sends `/backupcreate` as `userId` in `guildId` and waits at most `timeoutMs` for the result. `onStart` runs
 * just before the command is sent (start the memory sampler there).
 */
export async function captureOnce(options: {
  emulatorUrl: string;
  guildId: string;
  userId: string;
  label: string;
  timeoutMs: number;
  onStart?: () => void;
}): Promise<CaptureResult> {
  const { emulatorUrl } = options;
  const before = (await control<LogEntry[]>(emulatorUrl, '/log')).data.length;
  options.onStart?.();
  const started = Date.now();
  const sent = await control<{ id: string; status: number; response: { data?: { embeds?: Embed[] } } }>(
    emulatorUrl,
    '/interactions/send',
    {
      method: 'POST',
      body: {
        type: 2,
        user_id: options.userId,
        guild_id: options.guildId,
        data: { name: 'backupcreate', options: [{ name: 'label', type: 3, value: options.label }] },
      },
    },
  );
  const answer = sent.data.response?.data?.embeds?.[0];
  if (sent.status !== 200 || sent.data.status !== 200 || !answer?.title?.includes('Creating backup')) {
    throw new Error(`/backupcreate was not accepted: ${JSON.stringify(sent.data).slice(0, 500)}`);
  }

  const deadline = started + options.timeoutMs;
  let record: InteractionRecord | undefined;
  let done: { embed: Embed; at: number } | undefined;
  while (!done) {
    const seen = record ? record.edits.length + record.followups.length : 0;
    const left = deadline - Date.now();
    if (left <= 0) {
      const last = record?.edits.at(-1)?.body?.embeds?.[0];
      throw new Error(
        `no result within ${options.timeoutMs / 1000} s; last progress: ${last?.description?.replace(/\n/g, ' | ') ?? 'none'}`,
      );
    }
    const wait = Math.min(30_000, left);
    record = (
      await control<InteractionRecord>(
        emulatorUrl,
        `/interactions/${sent.data.id}/wait?count=${seen + 1}&timeout=${wait}`,
      )
    ).data;
    for (const edit of record.edits) {
      const embed = finished(edit.body?.embeds?.[0]);
      if (embed) done = { embed, at: edit.at };
    }
  }
  if (done.embed.title?.startsWith('❌')) throw new Error(`the backup failed: ${done.embed.description}`);

  // Nothing else talks to the emulator meanwhile: everything logged since `before` is the worker's.
  const during = (await control<LogEntry[]>(emulatorUrl, '/log')).data.slice(before);
  const rest = during.filter((e) => e.kind === 'rest');
  const cdn = during.filter((e) => e.kind === 'cdn');
  return {
    seconds: (done.at - started) / 1000,
    fields: Object.fromEntries((done.embed.fields ?? []).map((f) => [f.name, f.value])),
    rest: rest.length,
    webhookEdits: rest.filter((e) => e.method === 'PATCH' && e.path.startsWith('/webhooks/')).length,
    memberPages: rest.filter((e) => e.method === 'GET' && /^\/guilds\/\d+\/members$/.test(e.path)).length,
    cdn: cdn.length,
    cdnFailures: cdn.filter((e) => e.status !== 200).length,
    tooManyRequests: during.filter((e) => e.status === 429).length,
    restErrors: rest
      .filter((e) => e.status >= 400 && e.status !== 429)
      .map((e) => `${e.method} ${e.path} ${e.status}`),
  };
}
