import { describe, expect, it } from 'vitest';
import { control, DEMO, useEmulator } from './helpers';
import { authorize, bearerGet, CALLBACK, loginAs } from './oauth-helpers';

const ctx = useEmulator();

describe('OAuth control API', () => {
  it('shows codes and tokens redacted to their last 4 characters', async () => {
    const login = await loginAs(ctx.emu, DEMO.users.mia);
    const state = await control(ctx.emu, 'GET', '/oauth/state');
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      config: { clientSecret: 'emulator-client-secret', redirectUris: null, tokenLifetimeSeconds: 604800 },
      currentUserId: DEMO.users.mia,
      deny: false,
    });
    expect(state.body.codes).toEqual([
      expect.objectContaining({
        code: expect.stringMatching(/^…[A-Za-z0-9]{4}$/),
        user_id: DEMO.users.mia,
        scopes: ['identify', 'guilds'],
        redirect_uri: CALLBACK,
        used: true,
        expired: false,
      }),
    ]);
    expect(state.body.tokens).toEqual([
      expect.objectContaining({
        access_token: `…${login.access_token.slice(-4)}`,
        refresh_token: `…${login.refresh_token.slice(-4)}`,
        user_id: DEMO.users.mia,
        revoked: false,
        expired: false,
        refresh: 'active',
      }),
    ]);
    expect(JSON.stringify(state.body)).not.toContain(login.access_token);
  });

  it('validates its bodies', async () => {
    expect((await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: '42' })).status).toBe(400);
    expect((await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: DEMO.botUserId })).status).toBe(
      400,
    );
    expect((await control(ctx.emu, 'PUT', '/oauth/current-user', {})).status).toBe(400);
    expect((await control(ctx.emu, 'PUT', '/oauth/mode', { deny: 'yes' })).status).toBe(400);
    expect((await control(ctx.emu, 'PUT', '/oauth/config', { redirectUris: ['not a url'] })).status).toBe(
      400,
    );
    expect((await control(ctx.emu, 'PUT', '/oauth/config', { clientId: 'x' })).status).toBe(400);
    const byName = await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: 'ada' });
    expect(byName.body).toEqual({ user_id: DEMO.users.ada });
    expect((await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: null })).body).toEqual({
      user_id: null,
    });
    expect((await authorize(ctx.emu)).status).toBe(200);
  });

  it('POST /__emulator/reset clears every piece of OAuth state', async () => {
    const login = await loginAs(ctx.emu, DEMO.users.ada);
    await control(ctx.emu, 'PUT', '/oauth/mode', { deny: true });
    await control(ctx.emu, 'PUT', '/oauth/config', {
      clientSecret: 'other',
      redirectUris: ['https://x.example/cb'],
      tokenLifetimeSeconds: 5,
    });
    await control(ctx.emu, 'POST', '/reset');

    expect((await bearerGet(ctx.emu, '/users/@me', login.access_token)).status).toBe(401);
    const state = await control(ctx.emu, 'GET', '/oauth/state');
    expect(state.body).toEqual({
      config: { clientSecret: 'emulator-client-secret', redirectUris: null, tokenLifetimeSeconds: 604800 },
      currentUserId: null,
      deny: false,
      codes: [],
      tokens: [],
    });
    // No current user and no deny mode: the login page.
    expect((await authorize(ctx.emu)).status).toBe(200);
  });
});
