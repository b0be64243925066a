import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { verifyKey } from 'discord-interactions';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { createApp } from '../../worker/app';
import { commands, components } from '../../worker/commands';
import { checkSignature } from '../../worker/http/verify-signature';
import { emulator, interact } from './harness';
import { testKeyPair } from './signing';

const app = createApp({ commands, components });

async function post(body: string, headers: Record<string, string>, publicKey: string) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request('https://edgeward.test/interactions', { method: 'POST', headers, body }),
    { ...env, DISCORD_PUBLIC_KEY: publicKey },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

const ping = JSON.stringify({ id: '1', application_id: DEMO.applicationId, type: 1, token: 't', version: 1 });

describe('POST /interactions signature verification', () => {
  it('answers a signed PING with PONG', async () => {
    const res = await interact({ type: 1, user_id: DEMO.users.ada });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ type: 1 });
  });

  it('rejects a request without signature headers with 401', async () => {
    const keys = await testKeyPair();
    const res = await post(ping, { 'content-type': 'application/json' }, keys.publicKey);
    expect(res.status).toBe(401);
  });

  it('rejects a signature made with another key with 401', async () => {
    const res = await interact({ type: 1, user_id: DEMO.users.ada, bad_signature: true });
    expect(res.status).toBe(401);
  });

  it('rejects a tampered body with 401', async () => {
    const built = await emulator<{ body: string; headers: Record<string, string> }>('/interactions/build', {
      body: { type: 1, user_id: DEMO.users.ada },
    });
    const tampered = built.body.replace('"type":1', '"type": 1');
    expect(tampered).not.toBe(built.body);
    const res = await post(tampered, built.headers, env.DISCORD_PUBLIC_KEY as string);
    expect(res.status).toBe(401);
  });

  it.each([
    ['stale', -301],
    ['future', 301],
  ])('rejects a %s timestamp (more than 5 minutes off) with 401', async (_label, offset) => {
    const res = await interact({ type: 1, user_id: DEMO.users.ada, timestamp_offset: offset });
    expect(res.status).toBe(401);
  });

  it('accepts a timestamp within the window', async () => {
    const res = await interact({ type: 1, user_id: DEMO.users.ada, timestamp_offset: -240 });
    expect(res.status).toBe(200);
  });

  it('rejects a body over 1 MiB with 413', async () => {
    const keys = await testKeyPair();
    const body = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 10) });
    const res = await post(body, await keys.sign(body), keys.publicKey);
    expect(res.status).toBe(413);
  });

  it('rejects a signed body that is not JSON with 400', async () => {
    const keys = await testKeyPair();
    const res = await post('not json', await keys.sign('not json'), keys.publicKey);
    expect(res.status).toBe(400);
  });

  it('rejects signed JSON that is not an interaction with 400', async () => {
    const keys = await testKeyPair();
    const body = JSON.stringify({ hello: 'world' });
    const res = await post(body, await keys.sign(body), keys.publicKey);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'body is not an interaction' });
  });

  it('agrees with discord-interactions on valid and invalid signatures', async () => {
    const keys = await testKeyPair();
    const headers = await keys.sign(ping);
    const body = new TextEncoder().encode(ping);
    const ts = headers['x-signature-timestamp'];
    const sig = headers['x-signature-ed25519'];
    expect(await verifyKey(ping, sig, ts, keys.publicKey)).toBe(true);
    expect((await checkSignature(keys.publicKey, sig, ts, body, 300)).ok).toBe(true);
    const other = await testKeyPair();
    expect(await verifyKey(ping, sig, ts, other.publicKey)).toBe(false);
    expect((await checkSignature(other.publicKey, sig, ts, body, 300)).ok).toBe(false);
  });

  it('names a missing variable in a JSON error instead of crashing', async () => {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request('https://edgeward.test/interactions', { method: 'POST', body: ping }),
      { ...env, DISCORD_PUBLIC_KEY: '' },
      ctx,
    );
    expect(res.status).toBe(500);
    const json = (await res.json()) as { problems: { variable: string; message: string }[] };
    expect(json.problems).toContainEqual({ variable: 'DISCORD_PUBLIC_KEY', message: 'is required' });
  });

  it('names a malformed variable', async () => {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request('https://edgeward.test/health'),
      { ...env, BOT_OWNER_ID: 'olive', DISCORD_API_BASE: 'not a url' },
      ctx,
    );
    expect(res.status).toBe(500);
    const json = (await res.json()) as { problems: { variable: string }[] };
    expect(json.problems.map((p) => p.variable).sort()).toEqual(['BOT_OWNER_ID', 'DISCORD_API_BASE']);
  });
});
