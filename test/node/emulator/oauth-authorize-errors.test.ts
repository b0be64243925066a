import { describe, expect, it } from 'vitest';
import { control, DEMO, useEmulator } from './helpers';
import { authorize, CALLBACK } from './oauth-helpers';

const ctx = useEmulator();

describe('authorize: client and redirect URI (400 page, no redirect)', () => {
  it('accepts loopback callbacks on any port by default', async () => {
    await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: DEMO.users.ada });
    for (const uri of [
      'http://127.0.0.1:49152/api/auth/callback',
      'http://localhost:3000/api/auth/callback',
      'http://localhost/api/auth/callback',
    ]) {
      const res = await authorize(ctx.emu, { redirect_uri: uri });
      expect(res.status, uri).toBe(302);
      expect(res.location!.startsWith(`${uri}?code=`)).toBe(true);
    }
  });

  it('refuses redirect URIs that do not match exactly', async () => {
    await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: DEMO.users.ada });
    for (const uri of [
      'http://127.0.0.1:8787/api/auth/callback/',
      'http://127.0.0.1:8787/api/auth/other',
      'https://127.0.0.1:8787/api/auth/callback',
      'http://evil.example/api/auth/callback',
      'http://127.0.0.1:8787/api/auth/callback?x=1',
      null,
    ]) {
      const res = await authorize(ctx.emu, { redirect_uri: uri });
      expect(res.status, String(uri)).toBe(400);
      expect(res.location).toBeNull();
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.html).toContain('Invalid OAuth2 redirect_uri');
    }
  });

  it('uses the configured redirect URIs instead of the loopback default', async () => {
    await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: DEMO.users.ada });
    const set = await control(ctx.emu, 'PUT', '/oauth/config', {
      redirectUris: ['https://dash.example/api/auth/callback'],
    });
    expect(set.body.redirectUris).toEqual(['https://dash.example/api/auth/callback']);
    expect((await authorize(ctx.emu)).status).toBe(400);
    const ok = await authorize(ctx.emu, { redirect_uri: 'https://dash.example/api/auth/callback' });
    expect(ok.status).toBe(302);
    await control(ctx.emu, 'PUT', '/oauth/config', { redirectUris: null });
    expect((await authorize(ctx.emu)).status).toBe(302);
  });

  it('refuses an unknown or missing client_id', async () => {
    for (const clientId of ['123', null]) {
      const res = await authorize(ctx.emu, { client_id: clientId });
      expect(res.status).toBe(400);
      expect(res.location).toBeNull();
      expect(res.html).toContain('Invalid OAuth2 client_id');
    }
  });
});

describe('authorize: errors sent back to the redirect URI', () => {
  it('redirects invalid_scope for unknown, empty or not-emulated scopes', async () => {
    for (const scope of ['identify nonsense', '', 'bot']) {
      const res = await authorize(ctx.emu, { scope });
      expect(res.status, scope).toBe(302);
      expect(res.location!.startsWith(`${CALLBACK}?`)).toBe(true);
      expect(res.params.get('error')).toBe('invalid_scope');
      expect(res.params.get('error_description')).toBeTruthy();
      expect(res.params.get('state')).toBe('state-123');
      expect(res.params.has('code')).toBe(false);
    }
  });

  it('redirects unsupported_response_type unless response_type=code', async () => {
    const res = await authorize(ctx.emu, { response_type: 'token' });
    expect(res.params.get('error')).toBe('unsupported_response_type');
  });

  it('denies in deny mode, with state; omits state when none was sent', async () => {
    await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: DEMO.users.ada });
    expect((await control(ctx.emu, 'PUT', '/oauth/mode', { deny: true })).body).toEqual({ deny: true });
    const denied = await authorize(ctx.emu);
    expect(denied.status).toBe(302);
    expect(denied.params.get('error')).toBe('access_denied');
    expect(denied.params.get('error_description')).toBeTruthy();
    expect(denied.params.get('state')).toBe('state-123');
    expect(denied.params.has('code')).toBe(false);

    const noState = await authorize(ctx.emu, { state: null });
    expect(noState.params.has('state')).toBe(false);

    await control(ctx.emu, 'PUT', '/oauth/mode', { deny: false });
    const allowed = await authorize(ctx.emu, { state: null });
    expect(allowed.params.has('code')).toBe(true);
    expect(allowed.params.has('state')).toBe(false);
  });
});
