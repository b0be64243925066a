import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index';
import { api, cdn, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator();
const g = DEMO.guildId;
const PNG = [0x89, 0x50, 0x4e, 0x47];
const GIF = [0x47, 0x49, 0x46, 0x38];
const magic = (bytes: Uint8Array, n = 4) => [...bytes.subarray(0, n)];
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.subarray(from, to)).toString('latin1');

describe('CDN', () => {
  it('serves every documented image path with the right content type and no rate-limit headers', async () => {
    const cases: [string, string, number[]][] = [
      [`/emojis/${DEMO.emojis.edgeward}.png`, 'image/png', PNG],
      [`/emojis/${DEMO.emojis.partyBlob}.gif`, 'image/gif', GIF],
      [`/emojis/${DEMO.emojis.edgeward}.webp`, 'image/webp', [0x52, 0x49, 0x46, 0x46]],
      [`/stickers/${DEMO.stickers.wave}.png`, 'image/png', PNG],
      [`/icons/${g}/${DEMO.images.icon}.png`, 'image/png', PNG],
      [`/icons/${g}/${DEMO.images.icon}.webp`, 'image/webp', [0x52, 0x49, 0x46, 0x46]],
      [`/banners/${g}/${DEMO.images.banner}.png`, 'image/png', PNG],
      [`/splashes/${g}/${DEMO.images.splash}.png`, 'image/png', PNG],
      [`/role-icons/${DEMO.roles.admin}/${DEMO.images.adminRoleIcon}.png`, 'image/png', PNG],
    ];
    for (const [path, type, head] of cases) {
      const res = await cdn(ctx.emu, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(magic(res.bytes), path).toEqual(head);
      expect(Number(res.headers.get('content-length')), path).toBe(res.bytes.length);
      expect(res.headers.get('x-ratelimit-limit'), path).toBeNull();
    }
    expect((await cdn(ctx.emu, `/emojis/${DEMO.emojis.edgeward}.png?size=64`)).status).toBe(200);
    expect((await cdn(ctx.emu, `/emojis/${DEMO.emojis.edgeward}.png?size=100`)).status).toBe(400);
  });

  it('bytes are deterministic per object and differ between objects', async () => {
    const a1 = await cdn(ctx.emu, `/emojis/${DEMO.emojis.edgeward}.png`);
    const a2 = await cdn(ctx.emu, `/emojis/${DEMO.emojis.edgeward}.png`);
    const b = await cdn(ctx.emu, `/emojis/${DEMO.emojis.modsOnly}.png`);
    expect(a1.bytes).toEqual(a2.bytes);
    expect(b.bytes).not.toEqual(a1.bytes);
    // Another emulator instance gives the same bytes.
    const other = await startEmulator({ port: 0 });
    try {
      const res = await fetch(`${other.cdnBase}/emojis/${DEMO.emojis.edgeward}.png`);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(a1.bytes);
    } finally {
      await other.close();
    }
  });

  it('animated GIFs have two frames; APNG and Lottie stickers', async () => {
    const animated = await cdn(ctx.emu, `/emojis/${DEMO.emojis.partyBlob}.gif`);
    expect(ascii(animated.bytes, 0, 200)).toContain('NETSCAPE2.0');
    const still = await cdn(ctx.emu, `/emojis/${DEMO.emojis.edgeward}.gif`);
    expect(ascii(still.bytes, 0, 200)).not.toContain('NETSCAPE2.0');
    const lottie = await cdn(ctx.emu, `/stickers/${DEMO.stickers.dance}.json`);
    expect(lottie.headers.get('content-type')).toBe('application/json');
    const json = JSON.parse(Buffer.from(lottie.bytes).toString('utf8'));
    expect(json).toMatchObject({ nm: 'dance', w: 320, h: 320, fr: 30 });
    expect(json.layers).toHaveLength(1);
    // A Lottie sticker is only JSON; a PNG sticker only PNG.
    expect((await cdn(ctx.emu, `/stickers/${DEMO.stickers.dance}.png`)).status).toBe(415);
    expect((await cdn(ctx.emu, `/stickers/${DEMO.stickers.wave}.json`)).status).toBe(415);
    const gen = ctx.emu.generateGuild({ stickers: 4, members: 2, seed: 3 });
    const stickers = ctx.emu.state.guilds.find((x) => x.id === gen.guild_id)!.stickers;
    const apng = await cdn(ctx.emu, `/stickers/${stickers.find((s) => s.format_type === 2)!.id}.png`);
    expect(ascii(apng.bytes, 0, 60)).toContain('acTL');
    const gif = await cdn(ctx.emu, `/stickers/${stickers.find((s) => s.format_type === 4)!.id}.gif`);
    expect(magic(gif.bytes)).toEqual(GIF);
  });

  it('404 for unknown objects, stale hashes and unknown paths; 405 for writes', async () => {
    for (const path of [
      '/emojis/1.png',
      '/stickers/1.png',
      `/icons/${g}/0000.png`,
      `/icons/1/${DEMO.images.icon}.png`,
      `/banners/${g}/${DEMO.images.icon}.png`,
      `/discovery-splashes/${g}/abc.png`,
      `/role-icons/${DEMO.roles.moderator}/${DEMO.images.adminRoleIcon}.png`,
      '/avatars/1/2.png',
      '/emojis/noext',
    ]) {
      expect((await cdn(ctx.emu, path)).status, path).toBe(404);
    }
    expect((await cdn(ctx.emu, `/emojis/${DEMO.emojis.edgeward}.png`, 'POST')).status).toBe(405);
    expect((await cdn(ctx.emu, `/emojis/${DEMO.emojis.edgeward}.jpg`)).status).toBe(415);
    const head = await cdn(ctx.emu, `/emojis/${DEMO.emojis.edgeward}.png`, 'HEAD');
    expect([head.status, head.headers.get('content-type'), head.bytes.length]).toEqual([200, 'image/png', 0]);
  });

  it('links die when the object is deleted or its image replaced', async () => {
    const emoji = `/emojis/${DEMO.emojis.partyBlob}.gif`;
    const roleIcon = `/role-icons/${DEMO.roles.admin}/${DEMO.images.adminRoleIcon}.png`;
    const sticker = `/stickers/${DEMO.stickers.dance}.json`;
    const icon = `/icons/${g}/${DEMO.images.icon}.png`;
    for (const path of [emoji, roleIcon, sticker, icon]) expect((await cdn(ctx.emu, path)).status).toBe(200);
    expect((await control(ctx.emu, 'DELETE', `/guilds/${g}/emojis/${DEMO.emojis.partyBlob}`)).status).toBe(
      200,
    );
    expect((await control(ctx.emu, 'DELETE', `/guilds/${g}/roles/${DEMO.roles.admin}`)).status).toBe(200);
    expect((await control(ctx.emu, 'DELETE', `/guilds/${g}/stickers/${DEMO.stickers.dance}`)).status).toBe(
      200,
    );
    await control(ctx.emu, 'PATCH', `/guilds/${g}`, {
      icon: 'a_1234567890abcdef1234567890abcdef',
      discovery_splash: 'feed',
    });
    for (const path of [emoji, roleIcon, sticker, icon])
      expect((await cdn(ctx.emu, path)).status, path).toBe(404);
    const animatedIcon = await cdn(ctx.emu, `/icons/${g}/a_1234567890abcdef1234567890abcdef.gif`);
    expect(ascii(animatedIcon.bytes, 0, 200)).toContain('NETSCAPE2.0');
    expect((await cdn(ctx.emu, `/discovery-splashes/${g}/feed.png`)).status).toBe(200);
    const emojis = await api(ctx.emu, 'GET', `/guilds/${g}/emojis/${DEMO.emojis.partyBlob}`);
    expect(emojis.body.code).toBe(10014);
    // A reset brings everything back.
    await control(ctx.emu, 'POST', '/reset');
    for (const path of [emoji, roleIcon, sticker, icon]) expect((await cdn(ctx.emu, path)).status).toBe(200);
  });

  it('CDN requests are logged with kind "cdn"; cdnBase is in info', async () => {
    await cdn(ctx.emu, `/emojis/${DEMO.emojis.edgeward}.png`);
    await cdn(ctx.emu, '/emojis/1.png');
    await api(ctx.emu, 'GET', '/users/@me');
    const log = await control(ctx.emu, 'GET', '/log?kind=cdn');
    expect(log.body).toHaveLength(2);
    expect(log.body[0]).toMatchObject({
      kind: 'cdn',
      method: 'GET',
      path: `/cdn/emojis/${DEMO.emojis.edgeward}.png`,
      status: 200,
      auth: 'none',
    });
    expect(log.body[1].status).toBe(404);
    expect((await control(ctx.emu, 'GET', '/log?path=/cdn/')).body).toHaveLength(2);
    expect((await control(ctx.emu, 'GET', '/log?kind=rest')).body).toHaveLength(1);
    expect(ctx.emu.cdnBase).toBe(`${ctx.emu.url}/cdn`);
    expect((await control(ctx.emu, 'GET', '/info')).body.cdnBase).toBe(ctx.emu.cdnBase);
  });
});
