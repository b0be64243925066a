import { describe, expect, it } from 'vitest';
import { DEMO, useEmulator } from './helpers';
import { bearerGet, loginAs, postForm, UNAUTHORIZED } from './oauth-helpers';

const ctx = useEmulator();

const refresh = (refreshToken: string) =>
  postForm(ctx.emu, '/oauth2/token', { grant_type: 'refresh_token', refresh_token: refreshToken });
const revoke = (token: string, opts: { auth?: string | null } = {}) =>
  postForm(ctx.emu, '/oauth2/token/revoke', { token, token_type_hint: 'access_token' }, opts);

describe('refresh tokens', () => {
  it('rotate: a new pair, and the old refresh token dies', async () => {
    const first = await loginAs(ctx.emu, DEMO.users.alan);
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ token_type: 'Bearer', expires_in: 604800, scope: 'identify guilds' });
    expect(second.body.access_token).not.toBe(first.access_token);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect((await bearerGet(ctx.emu, '/users/@me', second.body.access_token)).body.id).toBe(DEMO.users.alan);

    const reused = await refresh(first.refresh_token);
    expect(reused).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid "refresh_token" in request.' },
    });
    expect((await refresh(second.body.refresh_token)).status).toBe(200);
  });

  it('refuse unknown tokens', async () => {
    expect((await refresh('nope')).body.error).toBe('invalid_grant');
  });
});

describe('POST /oauth2/token/revoke', () => {
  it('ends every access and refresh token of the authorization', async () => {
    const first = await loginAs(ctx.emu, DEMO.users.mia);
    const rotated = (await refresh(first.refresh_token)).body;
    const secondLogin = await loginAs(ctx.emu, DEMO.users.mia);
    const other = await loginAs(ctx.emu, DEMO.users.max);

    const res = await revoke(first.access_token);
    expect(res.status).toBe(200);

    for (const token of [first.access_token, rotated.access_token, secondLogin.access_token]) {
      expect(await bearerGet(ctx.emu, '/users/@me', token)).toMatchObject({
        status: 401,
        body: UNAUTHORIZED,
      });
    }
    for (const token of [rotated.refresh_token, secondLogin.refresh_token]) {
      expect((await refresh(token)).body.error).toBe('invalid_grant');
    }
    expect((await bearerGet(ctx.emu, '/users/@me', other.access_token)).status).toBe(200);
  });

  it('revokes by refresh token too', async () => {
    const login = await loginAs(ctx.emu, DEMO.users.ada);
    expect((await revoke(login.refresh_token)).status).toBe(200);
    expect((await bearerGet(ctx.emu, '/users/@me', login.access_token)).status).toBe(401);
    expect((await refresh(login.refresh_token)).status).toBe(400);
  });

  it('answers 200 for unknown tokens, 400 without a token, 401 without client credentials', async () => {
    expect(await revoke('unknown')).toMatchObject({ status: 200, body: {} });
    const missing = await postForm(ctx.emu, '/oauth2/token/revoke', {});
    expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const login = await loginAs(ctx.emu, DEMO.users.ada);
    const anonymous = await revoke(login.access_token, { auth: null });
    expect(anonymous).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await bearerGet(ctx.emu, '/users/@me', login.access_token)).status).toBe(200);
    const json = await postForm(
      ctx.emu,
      '/oauth2/token/revoke',
      {},
      {
        contentType: 'application/json',
        body: JSON.stringify({ token: login.access_token }),
      },
    );
    expect(json.status).toBe(400);
    expect((await bearerGet(ctx.emu, '/users/@me', login.access_token)).status).toBe(200);
  });
});
