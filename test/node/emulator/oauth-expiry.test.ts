import { describe, expect, it } from 'vitest';
import { control, DEMO, useEmulator } from './helpers';
import { bearerGet, loginAs, postForm, UNAUTHORIZED } from './oauth-helpers';

const ctx = useEmulator();

const refresh = (refreshToken: string) =>
  postForm(ctx.emu, '/oauth2/token', { grant_type: 'refresh_token', refresh_token: refreshToken });

describe('expired access tokens', () => {
  it('answer 401 after POST /__emulator/oauth/expire; the refresh token still works', async () => {
    const login = await loginAs(ctx.emu, DEMO.users.ada);
    const expired = await control(ctx.emu, 'POST', '/oauth/expire', {});
    expect(expired.body).toEqual({ expired: 1 });
    for (const path of ['/users/@me', '/users/@me/guilds', '/oauth2/@me']) {
      expect(await bearerGet(ctx.emu, path, login.access_token)).toMatchObject({
        status: 401,
        body: UNAUTHORIZED,
      });
    }
    const renewed = await refresh(login.refresh_token);
    expect(renewed.status).toBe(200);
    expect((await bearerGet(ctx.emu, '/users/@me', renewed.body.access_token)).status).toBe(200);
  });

  it('expire only one user with user_id; refresh: true ends their refresh tokens too', async () => {
    const ada = await loginAs(ctx.emu, DEMO.users.ada);
    const max = await loginAs(ctx.emu, DEMO.users.max);
    const res = await control(ctx.emu, 'POST', '/oauth/expire', { user_id: DEMO.users.max, refresh: true });
    expect(res.body).toEqual({ expired: 1 });
    expect((await bearerGet(ctx.emu, '/users/@me', max.access_token)).status).toBe(401);
    expect((await bearerGet(ctx.emu, '/users/@me', ada.access_token)).status).toBe(200);
    expect((await refresh(max.refresh_token)).body.error).toBe('invalid_grant');
    expect((await control(ctx.emu, 'POST', '/oauth/expire', { user_id: '1' })).status).toBe(404);
  });

  it('expire with the emulator clock after tokenLifetimeSeconds', async () => {
    await control(ctx.emu, 'PUT', '/oauth/config', { tokenLifetimeSeconds: 60 });
    const login = await loginAs(ctx.emu, DEMO.users.alan);
    expect(login.expires_in).toBe(60);
    await control(ctx.emu, 'PUT', '/time-offset', { ms: 59_000 });
    expect((await bearerGet(ctx.emu, '/users/@me', login.access_token)).status).toBe(200);
    await control(ctx.emu, 'PUT', '/time-offset', { ms: 60_001 });
    expect((await bearerGet(ctx.emu, '/users/@me', login.access_token)).status).toBe(401);
    const state = await control(ctx.emu, 'GET', '/oauth/state');
    expect(state.body.tokens[0]).toMatchObject({ expired: true, revoked: false, refresh: 'active' });
  });
});
