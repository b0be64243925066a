/**
 * The interactions `npm run bench:restore` drives through the emulator's control API: slash commands and
 * button presses sent as a guild member, bounded waits on their recorded edits, the `/backuprestore`
 * preview and its "♻️ Restore" button, and `/backupexport` → `/backupimport` to carry a backup to
 * another guild. Nothing here talks to the worker directly: the emulator signs and posts every interaction.
 */
import { control } from './backup-capture';

export interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
}

interface Component {
  type: number;
  label?: string;
  custom_id?: string;
  disabled?: boolean;
  components?: Component[];
}

interface Message {
  id: string;
  embeds?: Embed[];
  components?: Component[];
  attachments?: { url: string; filename: string }[];
}

export interface InteractionRecord {
  id: string;
  edits: { target: string; body: { embeds?: Embed[] } | null; at: number }[];
  followups: unknown[];
  messages: Message[];
}

/** Who sends the interactions, and where. */
export interface Actor {
  guildId: string;
  userId: string;
  channelId: string;
}

export const field = (embed: Embed | undefined, name: string) =>
  embed?.fields?.find((f) => f.name === name)?.value;

export const oneLine = (text: string | undefined) => (text ?? '').replace(/\n+/g, ' | ');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds, signs and posts an interaction; fails unless the worker answered 200. */
export async function send(emulatorUrl: string, actor: Actor, body: Record<string, unknown>) {
  const sent = await control<{ id: string; status: number; response: { type?: number; data?: Message } }>(
    emulatorUrl,
    '/interactions/send',
    {
      method: 'POST',
      body: { guild_id: actor.guildId, user_id: actor.userId, channel_id: actor.channelId, ...body },
    },
  );
  if (sent.status !== 200 || sent.data.status !== 200)
    throw new Error(`interaction not accepted: ${JSON.stringify(sent.data).slice(0, 400)}`);
  return sent.data;
}

export function command(emulatorUrl: string, actor: Actor, name: string, options: unknown[] = []) {
  return send(emulatorUrl, actor, { type: 2, data: { name, options } });
}

/**
 * Waits (at most `timeoutMs`) until `done` finds what it wants in the interaction's record, re-reading the
 * record whenever it gains an edit or follow-up.
 */
export async function waitFor<T>(
  emulatorUrl: string,
  id: string,
  done: (record: InteractionRecord) => T | undefined,
  timeoutMs: number,
  what: string,
): Promise<{ value: T; record: InteractionRecord }> {
  const deadline = Date.now() + timeoutMs;
  let record = (await control<InteractionRecord>(emulatorUrl, `/interactions/${id}`)).data;
  for (;;) {
    const value = done(record);
    if (value !== undefined) return { value, record };
    const left = deadline - Date.now();
    if (left <= 0) {
      const last = record.edits.at(-1)?.body?.embeds?.[0];
      throw new Error(
        `${what}: nothing within ${Math.round(timeoutMs / 1000)} s; last: ${last?.title ?? '–'} ${oneLine(last?.description)}`,
      );
    }
    const seen = record.edits.length + record.followups.length;
    const wait = Math.min(30_000, left);
    record = (
      await control<InteractionRecord>(
        emulatorUrl,
        `/interactions/${id}/wait?count=${seen + 1}&timeout=${wait}`,
      )
    ).data;
  }
}

/** Titles of a reply that says the work goes on in the background and the message will be edited. */
const PENDING = /^(\S+\s)?(Preparing|Importing)\b/;

/**
 * A slash command's answer once the worker has it: deferred (filled in by an edit) or sent at once and
 * edited later by a queued job ("Preparing the export…"): the first message with an embed that is not
 * such a placeholder.
 */
async function finalReply(emulatorUrl: string, id: string, timeoutMs: number, what: string) {
  const ready = (m: Message | undefined) => {
    const title = m?.embeds?.[0]?.title;
    return title && (!PENDING.test(title) || m.attachments?.length) ? m : undefined;
  };
  return (await waitFor(emulatorUrl, id, (r) => ready(r.messages[0]), timeoutMs, what)).value;
}

export interface Preview {
  message: Message;
  embed: Embed;
  operations: number;
  calls: number;
  /** The "♻️ Restore" button, or undefined when it is disabled ("Nothing to do" or a blocker). */
  go?: Component;
}

/** `/backuprestore id mode` and its preview (the dry run). */
export async function openPreview(emulatorUrl: string, actor: Actor, backupId: string, mode: string) {
  const sent = await command(emulatorUrl, actor, 'backuprestore', [
    { name: 'id', type: 3, value: backupId },
    { name: 'mode', type: 3, value: mode },
  ]);
  const message = await finalReply(emulatorUrl, sent.id, 120_000, '/backuprestore preview');
  const embed = message.embeds?.[0] as Embed;
  if (!embed.title?.includes('preview'))
    throw new Error(`/backuprestore answered "${embed.title}": ${oneLine(embed.description)}`);
  const counts = /\*\*(\d+)\*\* operations · \*\*(\d+)\*\* API calls/.exec(embed.description ?? '');
  if (!counts && !embed.description?.includes('Nothing to do'))
    throw new Error(`unreadable preview: ${oneLine(embed.description)}`);
  const buttons = (message.components ?? []).flatMap((row) => row.components ?? []);
  const go = buttons.find((b) => b.label === '♻️ Restore');
  if (!go) throw new Error('the preview has no ♻️ Restore button');
  return {
    message,
    embed,
    operations: Number(counts?.[1] ?? 0),
    calls: Number(counts?.[2] ?? 0),
    go: go.disabled ? undefined : go,
  } satisfies Preview;
}

const FINAL = /^(✅|⚠️|🛑|❌) Restore/;

/**
 * Presses "♻️ Restore" on the preview and waits (at most `timeoutMs`) for the edit that ends the job.
 * `pressedAt` is taken just before the press; `at` is when the final edit reached the emulator.
 */
export async function pressRestore(emulatorUrl: string, actor: Actor, preview: Preview, timeoutMs: number) {
  if (!preview.go?.custom_id) throw new Error('the Restore button is disabled');
  const pressedAt = Date.now();
  const pressed = await send(emulatorUrl, actor, {
    type: 3,
    message_id: preview.message.id,
    data: { custom_id: preview.go.custom_id, component_type: 2 },
  });
  const started = pressed.response.data?.embeds?.[0];
  if (!started?.title?.includes('Restore starting'))
    throw new Error(`pressing Restore answered "${started?.title}": ${oneLine(started?.description)}`);
  const { value } = await waitFor(
    emulatorUrl,
    pressed.id,
    (r) => {
      for (const edit of r.edits) {
        const embed = edit.body?.embeds?.[0];
        if (embed?.title && FINAL.test(embed.title)) return { embed, at: edit.at };
      }
      return undefined;
    },
    timeoutMs,
    'the restore',
  );
  return { pressedAt, ...value };
}

/**
 * Carries a backup to another guild the way an owner would: `/backupexport` in the source guild (as a bot
 * owner: the file is attached to the ephemeral reply), the file uploaded "as the user", `/backupimport`
 * in the target guild. Returns the imported backup's id there.
 */
export async function transferBackup(emulatorUrl: string, from: Actor, to: Actor, backupId: string) {
  const exported = await command(emulatorUrl, from, 'backupexport', [
    { name: 'id', type: 3, value: backupId },
  ]);
  const message = await finalReply(emulatorUrl, exported.id, 120_000, '/backupexport');
  const file = message.attachments?.[0];
  if (!file)
    throw new Error(
      `/backupexport attached no file: ${message.embeds?.[0]?.title} ${oneLine(message.embeds?.[0]?.description)}`,
    );
  const res = await fetch(file.url, { signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`downloading the export answered ${res.status}`);
  const data = Buffer.from(await res.arrayBuffer());
  const upload = await control<{ id: string }>(emulatorUrl, '/attachments', {
    method: 'POST',
    body: { filename: file.filename, data_base64: data.toString('base64'), content_type: 'application/json' },
  });
  if (upload.status !== 200) throw new Error(`uploading the export failed: ${upload.data.error}`);
  const imported = await command(emulatorUrl, to, 'backupimport', [
    { name: 'file', type: 11, value: upload.data.id },
    { name: 'label', type: 3, value: 'bench import' },
  ]);
  const answer = (await finalReply(emulatorUrl, imported.id, 120_000, '/backupimport')).embeds?.[0];
  const id = /Stored as `([^`]+)`/.exec(answer?.description ?? '')?.[1];
  if (!answer?.title?.includes('Backup imported') || !id)
    throw new Error(`/backupimport answered "${answer?.title}": ${oneLine(answer?.description)}`);
  return { id, bytes: data.byteLength };
}

/** Calls the emulator's REST API as the bot, waiting out a 429 (at most 5 tries). */
export async function asBot<T>(
  emulator: { apiBase: string; botToken: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${emulator.apiBase}${path}`, {
      method,
      headers: { authorization: `Bot ${emulator.botToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    if (res.status === 429 && attempt < 5) {
      const { retry_after } = (await res.json()) as { retry_after?: number };
      await sleep(Math.ceil((retry_after ?? 1) * 1000));
      continue;
    }
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (res.status === 204 ? null : await res.json()) as T;
  }
}
