import { describe, expect, it } from 'vitest';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator();
const g = DEMO.guildId;
const ids = (list: { user: { id: string } }[]) => list.map((x) => x.user.id);
const makeBotAdmin = () =>
  control(ctx.emu, 'PATCH', `/guilds/${g}/members/${DEMO.botUserId}`, {
    roles: [DEMO.roles.bot, DEMO.roles.admin],
  });

function expectFormError(res: { status: number; body: any }, field: string, code: string, message: string) {
  expect(res.status).toBe(400);
  expect(res.body).toEqual({
    message: 'Invalid Form Body',
    code: 50035,
    errors: { [field]: { _errors: [{ code, message }] } },
  });
}

describe('GET /guilds/:id/members', () => {
  const allMembers = [
    DEMO.botUserId,
    DEMO.users.olive,
    DEMO.users.ada,
    DEMO.users.alan,
    DEMO.users.max,
    DEMO.users.mia,
  ];

  it('defaults to one member, pages by user id with after and limit', async () => {
    const first = await api(ctx.emu, 'GET', `/guilds/${g}/members`);
    expect(ids(first.body)).toEqual([DEMO.botUserId]);
    const all = await api(ctx.emu, 'GET', `/guilds/${g}/members?limit=1000`);
    expect(ids(all.body)).toEqual(allMembers);
    const walked: string[] = [];
    let after = '0';
    for (;;) {
      const page = await api(ctx.emu, 'GET', `/guilds/${g}/members?limit=4&after=${after}`);
      walked.push(...ids(page.body));
      if (page.body.length < 4) break;
      after = walked.at(-1)!;
    }
    expect(walked).toEqual(allMembers);
    const past = await api(ctx.emu, 'GET', `/guilds/${g}/members?limit=10&after=${DEMO.users.mia}`);
    expect(past.body).toEqual([]);
    // `after` between two ids starts at the next one.
    const between = await api(ctx.emu, 'GET', `/guilds/${g}/members?limit=2&after=1300000000000000999`);
    expect(ids(between.body)).toEqual([DEMO.users.olive, DEMO.users.ada]);
    // Banned users are not members.
    expect(ids(all.body)).not.toContain(DEMO.banned.spammer);
  });

  it('limit must be 1-1000 and after a snowflake (400 50035)', async () => {
    const path = `/guilds/${g}/members`;
    expectFormError(
      await api(ctx.emu, 'GET', `${path}?limit=0`),
      'limit',
      'NUMBER_TYPE_MIN',
      'int value should be greater than or equal to 1.',
    );
    expectFormError(
      await api(ctx.emu, 'GET', `${path}?limit=1001`),
      'limit',
      'NUMBER_TYPE_MAX',
      'int value should be less than or equal to 1000.',
    );
    expectFormError(
      await api(ctx.emu, 'GET', `${path}?limit=ten`),
      'limit',
      'NUMBER_TYPE_COERCE',
      'Value "ten" is not int.',
    );
    expectFormError(
      await api(ctx.emu, 'GET', `${path}?after=abc`),
      'after',
      'NUMBER_TYPE_COERCE',
      'Value "abc" is not snowflake.',
    );
    expect((await api(ctx.emu, 'GET', `${path}?limit=1000`)).status).toBe(200);
  });

  it('needs the members intent (403 50001)', async () => {
    await control(ctx.emu, 'PUT', '/intents', { members: false });
    const res = await api(ctx.emu, 'GET', `/guilds/${g}/members?limit=5`);
    expect([res.status, res.body]).toEqual([403, { message: 'Missing Access', code: 50001 }]);
    // Single members do not need the intent.
    expect((await api(ctx.emu, 'GET', `/guilds/${g}/members/${DEMO.users.max}`)).status).toBe(200);
  });

  it('uses the default bucket, per guild', async () => {
    const a = await api(ctx.emu, 'GET', `/guilds/${g}/members`);
    const b = await api(ctx.emu, 'GET', `/guilds/${g}/members`);
    expect(a.headers.get('x-ratelimit-limit')).toBe('50');
    expect(b.headers.get('x-ratelimit-remaining')).toBe('48');
    const other = await api(ctx.emu, 'GET', `/guilds/${DEMO.otherGuildId}/members`);
    expect(other.headers.get('x-ratelimit-remaining')).toBe('49');
    expect(other.headers.get('x-ratelimit-bucket')).toBe(a.headers.get('x-ratelimit-bucket'));
  });
});

describe('GET /guilds/:id/bans', () => {
  it('needs Ban Members (403 50013), also for a single ban', async () => {
    // The bot's managed role has Ban Members; without it (only @everyone, or Moderator) the bans are closed.
    expect((await api(ctx.emu, 'GET', `/guilds/${g}/bans`)).status).toBe(200);
    for (const roles of [[], [DEMO.roles.moderator]]) {
      await control(ctx.emu, 'PATCH', `/guilds/${g}/members/${DEMO.botUserId}`, { roles });
      for (const path of [`/guilds/${g}/bans`, `/guilds/${g}/bans/${DEMO.banned.spammer}`]) {
        const res = await api(ctx.emu, 'GET', path);
        expect([res.status, res.body]).toEqual([403, { message: 'Missing Permissions', code: 50013 }]);
      }
    }
    await makeBotAdmin();
    expect((await api(ctx.emu, 'GET', `/guilds/${g}/bans`)).status).toBe(200);
  });

  it('lists bans sorted by user id, with before, after and limit', async () => {
    const all = await api(ctx.emu, 'GET', `/guilds/${g}/bans`);
    expect(all.body).toEqual([
      {
        reason: 'Spam links',
        user: {
          id: DEMO.banned.spammer,
          username: 'spammer',
          discriminator: '0',
          global_name: 'Free Nitro',
          avatar: null,
          public_flags: 0,
        },
      },
      { reason: null, user: expect.objectContaining({ id: DEMO.banned.raider, username: 'raider' }) },
    ]);
    const { spammer, raider } = DEMO.banned;
    const page = async (query: string) => ids((await api(ctx.emu, 'GET', `/guilds/${g}/bans?${query}`)).body);
    expect(await page('limit=1')).toEqual([spammer]);
    expect(await page(`limit=1&after=${spammer}`)).toEqual([raider]);
    expect(await page(`after=${raider}`)).toEqual([]);
    expect(await page(`before=${raider}`)).toEqual([spammer]);
    expect(await page(`before=${spammer}`)).toEqual([]);
    expect(await page('before=1400000000000000000&limit=1')).toEqual([raider]);
    // Both given: only `before` is respected.
    expect(await page(`before=${raider}&after=${spammer}`)).toEqual([spammer]);
  });

  it('limit must be 1-1000 (400 50035)', async () => {
    const path = `/guilds/${g}/bans`;
    expectFormError(
      await api(ctx.emu, 'GET', `${path}?limit=0`),
      'limit',
      'NUMBER_TYPE_MIN',
      'int value should be greater than or equal to 1.',
    );
    expectFormError(
      await api(ctx.emu, 'GET', `${path}?limit=1001`),
      'limit',
      'NUMBER_TYPE_MAX',
      'int value should be less than or equal to 1000.',
    );
    expectFormError(
      await api(ctx.emu, 'GET', `${path}?before=x`),
      'before',
      'NUMBER_TYPE_COERCE',
      'Value "x" is not snowflake.',
    );
    expect((await api(ctx.emu, 'GET', `${path}?limit=1000`)).body).toHaveLength(2);
  });

  it('one ban; 404 10026 for a user who is not banned', async () => {
    const one = await api(ctx.emu, 'GET', `/guilds/${g}/bans/${DEMO.banned.raider}`);
    expect(one.body).toMatchObject({ reason: null, user: { id: DEMO.banned.raider } });
    const none = await api(ctx.emu, 'GET', `/guilds/${g}/bans/${DEMO.users.max}`);
    expect([none.status, none.body]).toEqual([404, { message: 'Unknown Ban', code: 10026 }]);
    expect((await api(ctx.emu, 'GET', `/users/${DEMO.banned.raider}`)).body.username).toBe('raider');
  });
});
