import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DEMO as DEMO_IDS } from '../../../emulator/fixtures/demo-ids';
import { type Emulator, startEmulator } from '../../../emulator/index';

export { DEMO } from '../../../emulator/fixtures/demo-ids';

// Response bodies are asserted field by field in tests; `any` keeps those assertions short.
export interface Res<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Starts one emulator per test file and resets it before each test. */
export function useEmulator(options: Parameters<typeof startEmulator>[0] = {}) {
  const holder: { emu: Emulator } = {} as { emu: Emulator };
  beforeAll(async () => {
    holder.emu = await startEmulator({ port: 0, ...options });
  });
  afterAll(async () => {
    await holder.emu.close();
  });
  beforeEach(async () => {
    await control(holder.emu, 'POST', '/reset');
  });
  return holder;
}

async function call(
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Res> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A REST call with bot auth by default; `auth: null` sends none. */
export function api(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
  opts: { auth?: string | null; headers?: Record<string, string> } = {},
): Promise<Res> {
  const auth = opts.auth === undefined ? `Bot ${emu.botToken}` : opts.auth;
  const headers: Record<string, string> = { ...opts.headers };
  if (auth) headers.Authorization = auth;
  return call(`${emu.apiBase}${path}`, method, body, headers);
}

export function control(emu: Emulator, method: string, path: string, body?: unknown): Promise<Res> {
  return call(`${emu.url}/__emulator${path}`, method, body, {});
}

/** A REST call that waits out 429s (route or global) and retries, as a well-behaved client does. */
export async function apiPaced(emu: Emulator, method: string, path: string, body?: unknown): Promise<Res> {
  for (;;) {
    const res = await api(emu, method, path, body);
    if (res.status !== 429) return res;
    await new Promise((resolve) => setTimeout(resolve, Math.ceil((res.body.retry_after ?? 0.05) * 1000) + 5));
  }
}

/** Raw bytes from the emulator's CDN. */
export async function cdn(emu: Emulator, path: string, method = 'GET') {
  const res = await fetch(`${emu.url}/cdn${path}`, { method });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Gives the bot these roles in the demo guild (its managed role is kept). */
export function botRoles(emu: Emulator, ...roles: string[]): Promise<Res> {
  const { guildId, roles: ids, botUserId } = DEMO_IDS;
  return control(emu, 'PATCH', `/guilds/${guildId}/members/${botUserId}`, { roles: [ids.bot, ...roles] });
}

/** Image data as Discord takes it: `data:{type};base64,…`. */
export function dataUri(bytes: Uint8Array, type = 'image/png'): string {
  return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** The demo guild's audit log entries as stored (no permission needed). */
export function storedAudit(emu: Emulator, guildId: string = DEMO_IDS.guildId): any[] {
  const guild = emu.state.guilds.find((g) => g.id === guildId) as unknown as {
    audit_log_entries?: unknown[];
  };
  return guild?.audit_log_entries ?? [];
}
