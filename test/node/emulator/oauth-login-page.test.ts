import { describe, expect, it } from 'vitest';
import { control, DEMO, useEmulator } from './helpers';
import { authorize, exchange } from './oauth-helpers';

const ctx = useEmulator();

/** The `href`s of the page's links, decoded. */
function links(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

async function userOfCode(code: string): Promise<string> {
  const token = await exchange(ctx.emu, code);
  const me = await fetch(`${ctx.emu.apiBase}/users/@me`, {
    headers: { Authorization: `Bearer ${token.body.access_token}` },
  });
  return ((await me.json()) as { id: string }).id;
}

describe('the login page (no current user)', () => {
  it('lists the users who can log in, each linking back with login_as, plus Cancel', async () => {
    const page = await authorize(ctx.emu, { state: 'a"<b>' });
    expect(page.status).toBe(200);
    expect(page.location).toBeNull();
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.html).toContain('<title>Log in to Edgeward (emulated Discord)</title>');
    expect(page.html).toContain('owner of Edgeward Demo');
    expect(page.html).toContain('Administrator in Edgeward Demo');
    expect(page.html).toContain('Manage Server in Edgeward Demo');
    expect(page.html).toContain('bot owner');
    expect(page.html).not.toContain('a"<b>');
    expect(page.html).not.toMatch(/<(?:script|link|img)\b/);

    const hrefs = links(page.html);
    const logins = hrefs.filter((h) => h.includes('login_as='));
    const ids = logins.map((h) => new URL(h, ctx.emu.url).searchParams.get('login_as'));
    expect(ids).toEqual(expect.arrayContaining(Object.values(DEMO.users)));
    expect(ids).not.toContain(DEMO.botUserId);

    const mia = logins.find((h) => h.includes(`login_as=${DEMO.users.mia}`))!;
    const chosen = await fetch(new URL(mia, ctx.emu.url), { redirect: 'manual' });
    expect(chosen.status).toBe(302);
    const target = new URL(chosen.headers.get('location')!);
    expect(target.searchParams.get('state')).toBe('a"<b>');
    expect(await userOfCode(target.searchParams.get('code')!)).toBe(DEMO.users.mia);

    const cancel = hrefs.find((h) => h.includes('deny=1'))!;
    const denied = await fetch(new URL(cancel, ctx.emu.url), { redirect: 'manual' });
    const deniedTarget = new URL(denied.headers.get('location')!);
    expect(deniedTarget.searchParams.get('error')).toBe('access_denied');
    expect(deniedTarget.searchParams.get('state')).toBe('a"<b>');
  });

  it('takes login_as by id or username and remembers the choice in a cookie', async () => {
    const byName = await authorize(ctx.emu, { login_as: 'Alan' });
    expect(byName.status).toBe(302);
    expect(await userOfCode(byName.params.get('code')!)).toBe(DEMO.users.alan);
    const cookie = byName.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);

    const again = await authorize(ctx.emu, {}, { Cookie: cookie.split(';')[0]! });
    expect(again.status).toBe(302);
    expect(await userOfCode(again.params.get('code')!)).toBe(DEMO.users.alan);

    const byId = await authorize(ctx.emu, { login_as: DEMO.users.max }, { Cookie: cookie.split(';')[0]! });
    expect(await userOfCode(byId.params.get('code')!)).toBe(DEMO.users.max);
  });

  it('puts login_as before the cookie, and the cookie before the control API user', async () => {
    const cookie = (await authorize(ctx.emu, { login_as: 'ada' })).headers.get('set-cookie')!.split(';')[0]!;
    await control(ctx.emu, 'PUT', '/oauth/current-user', { user_id: DEMO.users.max });
    const withCookie = await authorize(ctx.emu, {}, { Cookie: cookie });
    expect(await userOfCode(withCookie.params.get('code')!)).toBe(DEMO.users.ada);
    const withoutCookie = await authorize(ctx.emu);
    expect(await userOfCode(withoutCookie.params.get('code')!)).toBe(DEMO.users.max);
  });

  it('asks again with prompt=consent, and forgets the cookie after a reset', async () => {
    const cookie = (await authorize(ctx.emu, { login_as: 'ada' })).headers.get('set-cookie')!.split(';')[0]!;
    const prompted = await authorize(ctx.emu, { prompt: 'consent' }, { Cookie: cookie });
    expect(prompted.status).toBe(200);
    expect(prompted.html).toContain('Log in to Edgeward');

    await control(ctx.emu, 'POST', '/reset');
    const afterReset = await authorize(ctx.emu, {}, { Cookie: cookie });
    expect(afterReset.status).toBe(200);
    expect(afterReset.location).toBeNull();
  });

  it('answers 400 with the page for a login_as nobody can use (unknown, or the bot)', async () => {
    for (const who of ['nobody', DEMO.botUserId]) {
      const res = await authorize(ctx.emu, { login_as: who });
      expect(res.status).toBe(400);
      expect(res.location).toBeNull();
      expect(res.html).toContain(`No user &quot;${who}&quot; can log in.`);
    }
  });

  it('answers other methods with 405', async () => {
    const res = await fetch(`${ctx.emu.webBase}/oauth2/authorize`, { method: 'POST' });
    expect(res.status).toBe(405);
  });
});
