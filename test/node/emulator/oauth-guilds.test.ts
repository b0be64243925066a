import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { api, control, DEMO, useEmulator } from './helpers';
import { bearerGet, loginAs } from './oauth-helpers';

const ctx = useEmulator();

const ALL = Object.values(PermissionFlagsBits)
  .reduce((all, bit) => all | bit, 0n)
  .toString();
/** The demo guild's @everyone, and the Moderator role (Manage Server, Manage Messages, Kick Members). */
const EVERYONE = 2150714432n;
const MODERATOR = 8226n;

async function guildsOf(userId: string, query = '') {
  const { access_token } = await loginAs(ctx.emu, userId);
  const res = await bearerGet(ctx.emu, `/users/@me/guilds${query}`, access_token);
  expect(res.status).toBe(200);
  return res.body as any[];
}

describe('GET /users/@me/guilds with a Bearer token', () => {
  it('gives each demo user their guild-level permissions', async () => {
    const cases: [string, boolean, string][] = [
      [DEMO.users.ada, true, ALL], // owner
      [DEMO.users.alan, false, ALL], // Administrator
      [DEMO.users.mia, false, (EVERYONE | MODERATOR).toString()],
      [DEMO.users.max, false, EVERYONE.toString()],
    ];
    for (const [userId, owner, permissions] of cases) {
      const demo = (await guildsOf(userId)).find((g) => g.id === DEMO.guildId);
      expect(demo, userId).toEqual({
        id: DEMO.guildId,
        name: 'Edgeward Demo',
        icon: DEMO.images.icon,
        banner: DEMO.images.banner,
        owner,
        permissions,
        features: expect.arrayContaining(['COMMUNITY']),
      });
    }
    const mia = BigInt((await guildsOf(DEMO.users.mia))[0].permissions);
    expect(mia & PermissionFlagsBits.ManageGuild).toBe(PermissionFlagsBits.ManageGuild);
    expect(mia & PermissionFlagsBits.Administrator).toBe(0n);
  });

  it('lists every guild the user is in, bot or not, ascending by id', async () => {
    const max = await guildsOf(DEMO.users.max);
    expect(max.map((g) => g.id)).toEqual([DEMO.guildId, DEMO.otherGuildId]);
    expect(max[1]).toMatchObject({ name: 'Other Guild', owner: true, permissions: ALL, banner: null });
    expect((await guildsOf(DEMO.users.ada)).map((g) => g.id)).toEqual([DEMO.guildId]);
    expect(await guildsOf(DEMO.banned.spammer)).toEqual([]);

    await control(ctx.emu, 'POST', `/guilds/${DEMO.otherGuildId}/members/${DEMO.botUserId}/leave`);
    expect((await guildsOf(DEMO.users.max)).map((g) => g.id)).toEqual([DEMO.guildId, DEMO.otherGuildId]);
  });

  it('pages with before, after and limit, and adds counts with with_counts', async () => {
    expect((await guildsOf(DEMO.users.max, '?limit=1')).map((g) => g.id)).toEqual([DEMO.guildId]);
    expect((await guildsOf(DEMO.users.max, `?after=${DEMO.guildId}`)).map((g) => g.id)).toEqual([
      DEMO.otherGuildId,
    ]);
    expect((await guildsOf(DEMO.users.max, `?before=${DEMO.otherGuildId}`)).map((g) => g.id)).toEqual([
      DEMO.guildId,
    ]);
    const counted = await guildsOf(DEMO.users.max, '?with_counts=true');
    expect(counted[0]).toMatchObject({ approximate_member_count: 6, approximate_presence_count: 0 });
    expect((await guildsOf(DEMO.users.max))[0]).not.toHaveProperty('approximate_member_count');

    const { access_token } = await loginAs(ctx.emu, DEMO.users.max);
    const bad = await bearerGet(ctx.emu, '/users/@me/guilds?limit=201', access_token);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.limit._errors[0].code).toBe('NUMBER_TYPE_MAX');
  });

  it('still answers the bot its own guilds with Bot auth', async () => {
    const res = await api(ctx.emu, 'GET', '/users/@me/guilds');
    expect(res.status).toBe(200);
    expect(res.body.map((g: any) => g.id)).toEqual([DEMO.guildId, DEMO.otherGuildId]);
    expect(res.body[1]).toMatchObject({ owner: false, permissions: ALL });
  });
});
