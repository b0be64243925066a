import { env, SELF } from 'cloudflare:test';
import type { APIInteractionResponse, APIMessage } from 'discord-api-types/v10';

/** Calls the emulator's control API. */
export async function emulator<T = unknown>(
  path: string,
  init?: { method?: string; body?: unknown },
): Promise<T> {
  const res = await fetch(`${env.EMULATOR_URL}/__emulator${path}`, {
    method: init?.method ?? (init?.body === undefined ? 'GET' : 'POST'),
    headers: init?.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`emulator ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface InteractionSpec {
  type: number;
  user_id: string;
  guild_id?: string;
  channel_id?: string;
  data?: unknown;
  message_id?: string;
  timestamp_offset?: number;
  bad_signature?: boolean;
}

export interface Built {
  id: string;
  token: string;
  body: string;
  headers: Record<string, string>;
}

export interface InteractionRecord {
  interaction: { id: string; token: string };
  status: number;
  response: APIInteractionResponse;
  followups: { messageId: string; body: unknown }[];
  edits: { target: string; messageId: string; body: unknown }[];
  /** The messages this interaction produced, as they are now (after edits). */
  messages: APIMessage[];
}

export type Fetcher = { fetch(request: Request): Promise<Response> };

/** Builds and signs an interaction in the emulator, posts it to the worker, and reports the answer back. */
/**
 * A slash command's `data` as Discord sends it: `schedule create` becomes `/schedule` with the subcommand
 * `create` holding the options.
 */
export function commandData(fullName: string, options: unknown[] = []) {
  const [name, sub] = fullName.split(' ');
  return sub ? { name, options: [{ type: 1, name: sub, options }] } : { name, options };
}

export function interact(spec: InteractionSpec) {
  return interactWith({ fetch: (request) => SELF.fetch(request) }, spec);
}

/** A command named in full (`data.name: 'extensions browse'`) goes out as Discord sends a subcommand. */
function nestSubcommand(spec: InteractionSpec): InteractionSpec {
  const data = spec.data as { name?: unknown; options?: unknown[] } | undefined;
  if (typeof data?.name !== 'string' || !data.name.includes(' ')) return spec;
  return { ...spec, data: { ...data, ...commandData(data.name, data.options ?? []) } };
}

/** The same, against any app (e.g. a test app built with createApp). */
export async function interactWith(worker: Fetcher, spec: InteractionSpec) {
  const built = await emulator<Built>('/interactions/build', { body: nestSubcommand(spec) });
  const res = await worker.fetch(
    new Request('https://edgeward.test/interactions', {
      method: 'POST',
      headers: built.headers,
      body: built.body,
    }),
  );
  const text = await res.text();
  const body = (() => {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  })();
  await emulator(`/interactions/${built.id}/response`, { body: { status: res.status, body } });
  const record = await emulator<InteractionRecord>(`/interactions/${built.id}`);
  return {
    id: built.id,
    token: built.token,
    status: res.status,
    body: body as APIInteractionResponse & { data?: any },
    /** The message the reply created (for pressing its components). */
    messageId: record.messages[0]?.id,
  };
}

/** Waits for deferred work to edit or follow up the interaction. */
export function waitForRecord(id: string, count = 1, timeoutMs = 8000) {
  return emulator<InteractionRecord>(`/interactions/${id}/wait?count=${count}&timeout=${timeoutMs}`);
}

export function resetEmulator() {
  return emulator('/reset', { body: {} });
}
