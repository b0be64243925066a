import { describe, expect, it } from 'vitest';
import { control, DEMO, useEmulator } from './helpers';
import { basic, CALLBACK, codeFor, exchange, postForm } from './oauth-helpers';

const ctx = useEmulator();

describe('POST /oauth2/token: request format and client authentication', () => {
  it('rejects a JSON body (400 unsupported_grant_type: Discord reads only forms) and keeps the code', async () => {
    const code = await codeFor(ctx.emu, DEMO.users.ada);
    const form = { grant_type: 'authorization_code', code, redirect_uri: CALLBACK };
    const res = await postForm(ctx.emu, '/oauth2/token', form, {
      contentType: 'application/json',
      body: JSON.stringify(form),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unsupported_grant_type');
    expect((await exchange(ctx.emu, code)).status).toBe(200);
  });

  it('rejects missing and unknown grant types', async () => {
    const missing = await postForm(ctx.emu, '/oauth2/token', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('unsupported_grant_type');
    const unknown = await postForm(ctx.emu, '/oauth2/token', { grant_type: 'password' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('unsupported_grant_type');
  });

  it('answers 401 invalid_client for bad Basic credentials', async () => {
    const code = await codeFor(ctx.emu, DEMO.users.ada);
    const form = { grant_type: 'authorization_code', code, redirect_uri: CALLBACK };
    for (const auth of [
      basic(ctx.emu, 'wrong-secret'),
      basic(ctx.emu, ctx.emu.clientSecret, '42'),
      'Basic not-base64-colon',
      null,
    ]) {
      const res = await postForm(ctx.emu, '/oauth2/token', form, { auth });
      expect(res, String(auth)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    }
    expect((await exchange(ctx.emu, code)).status).toBe(200);
  });

  it('takes client_id and client_secret in the form, and refuses wrong ones', async () => {
    const code = await codeFor(ctx.emu, DEMO.users.ada);
    const form = { grant_type: 'authorization_code', code, redirect_uri: CALLBACK };
    const wrong = await postForm(
      ctx.emu,
      '/oauth2/token',
      { ...form, client_id: ctx.emu.applicationId, client_secret: 'nope' },
      { auth: null },
    );
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const noSecret = await postForm(
      ctx.emu,
      '/oauth2/token',
      { ...form, client_id: ctx.emu.applicationId },
      { auth: null },
    );
    expect(noSecret.status).toBe(401);
    const right = await postForm(
      ctx.emu,
      '/oauth2/token',
      { ...form, client_id: ctx.emu.applicationId, client_secret: 'emulator-client-secret' },
      { auth: null },
    );
    expect(right.status).toBe(200);
  });

  it('follows a client secret changed with PUT /__emulator/oauth/config', async () => {
    const set = await control(ctx.emu, 'PUT', '/oauth/config', { clientSecret: 'rotated' });
    expect(set.body.clientSecret).toBe('rotated');
    expect(ctx.emu.clientSecret).toBe('rotated');
    expect((await control(ctx.emu, 'GET', '/info')).body.clientSecret).toBe('rotated');
    const code = await codeFor(ctx.emu, DEMO.users.ada);
    const old = await postForm(
      ctx.emu,
      '/oauth2/token',
      { grant_type: 'authorization_code', code, redirect_uri: CALLBACK },
      { auth: basic(ctx.emu, 'emulator-client-secret') },
    );
    expect(old.status).toBe(401);
    expect((await exchange(ctx.emu, code)).status).toBe(200);
  });
});
