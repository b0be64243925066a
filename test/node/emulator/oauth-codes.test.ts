import { describe, expect, it } from 'vitest';
import { control, DEMO, useEmulator } from './helpers';
import { codeFor, exchange, postForm } from './oauth-helpers';

const ctx = useEmulator();

const INVALID_CODE = { error: 'invalid_grant', error_description: 'Invalid "code" in request.' };

describe('authorization codes', () => {
  it('are single use', async () => {
    const code = await codeFor(ctx.emu, DEMO.users.ada);
    expect((await exchange(ctx.emu, code)).status).toBe(200);
    const again = await exchange(ctx.emu, code);
    expect(again).toMatchObject({ status: 400, body: INVALID_CODE });
  });

  it('expire after 10 minutes (emulator clock)', async () => {
    const code = await codeFor(ctx.emu, DEMO.users.ada);
    await control(ctx.emu, 'PUT', '/time-offset', { ms: 10 * 60 * 1000 + 1 });
    expect(await exchange(ctx.emu, code)).toMatchObject({ status: 400, body: INVALID_CODE });

    await control(ctx.emu, 'PUT', '/time-offset', { ms: 0 });
    const fresh = await codeFor(ctx.emu, DEMO.users.ada);
    await control(ctx.emu, 'PUT', '/time-offset', { ms: 9 * 60 * 1000 });
    expect((await exchange(ctx.emu, fresh)).status).toBe(200);
  });

  it('must be exchanged with the redirect URI they were issued for', async () => {
    const code = await codeFor(ctx.emu, DEMO.users.ada);
    const wrong = await exchange(ctx.emu, code, 'http://127.0.0.1:9999/api/auth/callback');
    expect(wrong).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid "redirect_uri" in request.' },
    });
    const missing = await postForm(ctx.emu, '/oauth2/token', { grant_type: 'authorization_code', code });
    expect(missing.body.error).toBe('invalid_grant');
    expect((await exchange(ctx.emu, code)).status).toBe(200);
  });

  it('unknown or missing codes are invalid_grant', async () => {
    expect(await exchange(ctx.emu, 'made-up')).toMatchObject({ status: 400, body: INVALID_CODE });
    const missing = await postForm(ctx.emu, '/oauth2/token', { grant_type: 'authorization_code' });
    expect(missing).toMatchObject({ status: 400, body: INVALID_CODE });
  });

  it('carry the scopes and user they were issued with', async () => {
    const code = await codeFor(ctx.emu, DEMO.users.mia, 'guilds identify guilds');
    await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: DEMO.users.max });
    const token = await exchange(ctx.emu, code);
    expect(token.body.scope).toBe('guilds identify');
    const state = await control(ctx.emu, 'GET', '/oauth/state');
    expect(state.body.tokens[0]).toMatchObject({ user_id: DEMO.users.mia, scopes: ['guilds', 'identify'] });
  });
});
