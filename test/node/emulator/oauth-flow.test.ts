import { describe, expect, it } from 'vitest';
import { api, control, DEMO, useEmulator } from './helpers';
import { authorize, bearerGet, CALLBACK, exchange, loginAs, UNAUTHORIZED } from './oauth-helpers';

const ctx = useEmulator();

describe('authorization code flow', () => {
  it('authorize → code → token → /users/@me and /oauth2/@me', async () => {
    await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: DEMO.users.mia });
    const auth = await authorize(ctx.emu);
    expect(auth.status).toBe(302);
    const location = new URL(auth.location!);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(auth.params.get('state')).toBe('state-123');
    const code = auth.params.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9]{30}$/);

    const token = await exchange(ctx.emu, code);
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    expect(token.body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9]{30}$/),
      token_type: 'Bearer',
      expires_in: 604800,
      refresh_token: expect.stringMatching(/^[A-Za-z0-9]{30}$/),
      scope: 'identify guilds',
    });

    const me = await bearerGet(ctx.emu, '/users/@me', token.body.access_token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: DEMO.users.mia,
      username: 'mia',
      discriminator: '0',
      global_name: 'Mia',
      avatar: null,
      locale: 'en-US',
      mfa_enabled: false,
    });
    expect(me.body).not.toHaveProperty('email');

    const info = await bearerGet(ctx.emu, '/oauth2/@me', token.body.access_token);
    expect(info.status).toBe(200);
    expect(info.body.application).toMatchObject({ id: DEMO.applicationId, name: 'Edgeward', hook: true });
    expect(info.body.scopes).toEqual(['identify', 'guilds']);
    expect(info.body.user.id).toBe(DEMO.users.mia);
    const expires = Date.parse(info.body.expires);
    expect(Math.abs(expires - (Date.now() + 604800 * 1000))).toBeLessThan(10_000);
  });

  it('serves the token and Bearer routes under /api, /api/v9 and /api/v10', async () => {
    const { access_token } = await loginAs(ctx.emu, DEMO.users.max);
    for (const prefix of ['/api', '/api/v9', '/api/v10']) {
      const res = await fetch(`${ctx.emu.url}${prefix}/users/@me`, {
        headers: { Authorization: `Bearer ${access_token}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(DEMO.users.max);
    }
    const code = (await authorize(ctx.emu)).params.get('code')!;
    const res = await fetch(`${ctx.emu.url}/api/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: CALLBACK,
        client_id: ctx.emu.applicationId,
        client_secret: ctx.emu.clientSecret,
      }),
    });
    expect(res.status).toBe(200);
  });

  it('adds email and verified only with the email scope', async () => {
    const { access_token, scope } = await loginAs(ctx.emu, DEMO.users.ada, 'identify email');
    expect(scope).toBe('identify email');
    const me = await bearerGet(ctx.emu, '/users/@me', access_token);
    expect(me.body).toMatchObject({ id: DEMO.users.ada, email: 'ada@example.com', verified: true });
  });

  it('needs identify for /users/@me and guilds for /users/@me/guilds (401 otherwise)', async () => {
    const guildsOnly = await loginAs(ctx.emu, DEMO.users.ada, 'guilds');
    expect(await bearerGet(ctx.emu, '/users/@me', guildsOnly.access_token)).toMatchObject({
      status: 401,
      body: UNAUTHORIZED,
    });
    const info = await bearerGet(ctx.emu, '/oauth2/@me', guildsOnly.access_token);
    expect(info.body).not.toHaveProperty('user');
    const identifyOnly = await loginAs(ctx.emu, DEMO.users.ada, 'identify');
    expect((await bearerGet(ctx.emu, '/users/@me/guilds', identifyOnly.access_token)).status).toBe(401);
  });

  it('rejects unknown Bearer tokens, and Bearer tokens on bot routes', async () => {
    expect(await bearerGet(ctx.emu, '/users/@me', 'not-a-token')).toMatchObject({
      status: 401,
      body: UNAUTHORIZED,
    });
    const { access_token } = await loginAs(ctx.emu, DEMO.users.ada);
    expect((await bearerGet(ctx.emu, `/guilds/${DEMO.guildId}`, access_token)).status).toBe(401);
    expect((await api(ctx.emu, 'GET', '/oauth2/@me')).status).toBe(401);
  });

  it('keeps the bot routes: Bot auth reads the bot user', async () => {
    const me = await api(ctx.emu, 'GET', '/users/@me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: DEMO.botUserId, bot: true });
    expect((await api(ctx.emu, 'GET', '/users/@me', undefined, { auth: null })).status).toBe(401);
  });

  it('logs Bearer requests as bearer, Basic client auth as basic, the authorize page as oauth', async () => {
    const { access_token } = await loginAs(ctx.emu, DEMO.users.alan);
    await bearerGet(ctx.emu, '/users/@me', access_token);
    const log = (await control(ctx.emu, 'GET', '/log')).body as any[];
    expect(log.map((e) => [e.kind, e.method, e.path, e.status, e.auth])).toEqual([
      ['oauth', 'GET', '/oauth2/authorize', 302, 'none'],
      ['rest', 'POST', '/oauth2/token', 200, 'basic'],
      ['rest', 'GET', '/users/@me', 200, 'bearer'],
    ]);
    const tokenEntry = log[1];
    expect(tokenEntry.body.grant_type).toBe('authorization_code');
    expect(tokenEntry.body.code).toMatch(/^…[A-Za-z0-9]{4}$/);
    expect((await control(ctx.emu, 'GET', '/log?kind=oauth')).body).toHaveLength(1);
  });

  it('reports webBase and clientSecret in /__emulator/info', async () => {
    const info = await control(ctx.emu, 'GET', '/info');
    expect(info.body).toMatchObject({ webBase: ctx.emu.url, clientSecret: 'emulator-client-secret' });
    expect(ctx.emu.webBase).toBe(ctx.emu.url);
  });
});
