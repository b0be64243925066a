import { afterAll, beforeAll, beforeEach } from 'vitest';
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
