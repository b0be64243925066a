import { describe, expect, it } from 'vitest';
import { gif, png } from '../../../emulator/cdn/images';
import type { Emulator } from '../../../emulator/index';
import { api, botRoles, cdn, control, DEMO, dataUri, type Res, storedAudit, useEmulator } from './helpers';

const ctx = useEmulator();
const G = DEMO.guildId;

/** Create Guild Sticker as `@discordjs/rest` sends it: form fields plus a `file` part. */
async function uploadSticker(
  emu: Emulator,
  fields: Record<string, string>,
  file?: { bytes: Uint8Array; name: string; type: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = await fetch(`${emu.apiBase}/guilds/${G}/stickers`, {
    method: 'POST',
    headers: { Authorization: `Bot ${emu.botToken}`, 'X-Audit-Log-Reason': 'sticker%20restore' },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Res['body'] };
}

function fill(kind: 'emojis' | 'stickers', count: number, animated = false) {
  const guild = ctx.emu.state.guilds.find((g) => g.id === G)!;
  for (let i = 0; i < count; i++) {
    const id = `18000000000000${String(i).padStart(5, '0')}`;
    if (kind === 'emojis')
      guild.emojis.push({
        id,
        name: `e${i}`,
        roles: [],
        require_colons: true,
        managed: false,
        animated,
        available: true,
      });
    else
      guild.stickers.push({
        id,
        name: `s${i}`,
        description: null,
        tags: 'x',
        format_type: 1,
        available: true,
      });
  }
}

describe('emojis', () => {
  it('creating needs Create Expressions (50013)', async () => {
    const res = await api(ctx.emu, 'POST', `/guilds/${G}/emojis`, { name: 'nope', image: dataUri(png('e')) });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(50013);
  });

  it('creates an emoji whose CDN image is the uploaded bytes; edits and deletes it', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const bytes = png('uploaded-emoji');
    const res = await api(
      ctx.emu,
      'POST',
      `/guilds/${G}/emojis`,
      { name: 'restored_1', image: dataUri(bytes), roles: [DEMO.roles.member] },
      { headers: { 'X-Audit-Log-Reason': 'emoji%20restore' } },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'restored_1',
      roles: [DEMO.roles.member],
      animated: false,
      managed: false,
    });
    expect(res.body.user.id).toBe(DEMO.botUserId);
    const img = await cdn(ctx.emu, `/emojis/${res.body.id}.png`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(img.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(storedAudit(ctx.emu).at(-1)).toMatchObject({
      action_type: 60,
      target_id: res.body.id,
      reason: 'emoji restore',
    });

    const edited = await api(ctx.emu, 'PATCH', `/guilds/${G}/emojis/${res.body.id}`, {
      name: 'renamed',
      roles: null,
    });
    expect(edited.body).toMatchObject({ name: 'renamed', roles: [] });
    expect(storedAudit(ctx.emu).at(-1).action_type).toBe(61);
    const del = await api(ctx.emu, 'DELETE', `/guilds/${G}/emojis/${res.body.id}`);
    expect(del.status).toBe(204);
    expect(storedAudit(ctx.emu).at(-1).action_type).toBe(62);
    expect((await cdn(ctx.emu, `/emojis/${res.body.id}.png`)).status).toBe(404);
  });

  it('an animated GIF makes an animated emoji', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const res = await api(ctx.emu, 'POST', `/guilds/${G}/emojis`, {
      name: 'anim',
      image: dataUri(gif('a', true), 'image/gif'),
    });
    expect(res.body.animated).toBe(true);
    expect((await cdn(ctx.emu, `/emojis/${res.body.id}.gif`)).headers.get('content-type')).toBe('image/gif');
  });

  it('validates name and image; over 256 KiB → 50138', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const bad = await api(ctx.emu, 'POST', `/guilds/${G}/emojis`, { name: 'a b', image: 'not an image' });
    expect(bad.body.code).toBe(50035);
    expect(bad.body.errors.name._errors[0].code).toBe('STRING_TYPE_REGEX');
    const noImage = await api(ctx.emu, 'POST', `/guilds/${G}/emojis`, {
      name: 'ok',
      image: 'data:text/plain;base64,aGk=',
    });
    expect(noImage.body.errors.image._errors[0].code).toBe('IMAGE_INVALID');
    const big = new Uint8Array(256 * 1024 + 1);
    const res = await api(ctx.emu, 'POST', `/guilds/${G}/emojis`, { name: 'big', image: dataUri(big) });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'Failed to resize asset below the maximum size: 262144',
      code: 50138,
    });
  });

  it('static and animated slots are counted apart, by Boost tier (30008 / 30018)', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    await control(ctx.emu, 'PATCH', `/guilds/${G}`, { premium_tier: 0 });
    fill('emojis', 48); // + 2 static in the fixture = 50
    const full = await api(ctx.emu, 'POST', `/guilds/${G}/emojis`, {
      name: 'one_more',
      image: dataUri(png('x')),
    });
    expect(full.body).toEqual({ message: 'Maximum number of emojis reached (50)', code: 30008 });
    const animated = await api(ctx.emu, 'POST', `/guilds/${G}/emojis`, {
      name: 'anim',
      image: dataUri(gif('y', true), 'image/gif'),
    });
    expect(animated.status).toBe(201);
    const guild = ctx.emu.state.guilds.find((g) => g.id === G)!;
    guild.emojis = guild.emojis.filter((e) => !e.animated);
    fill('emojis', 50, true);
    const animFull = await api(ctx.emu, 'POST', `/guilds/${G}/emojis`, {
      name: 'anim2',
      image: dataUri(gif('z', true), 'image/gif'),
    });
    expect(animFull.body.code).toBe(30018);
  });

  it('editing someone else’s emoji needs Manage Expressions; unknown → 10014', async () => {
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}/emojis/${DEMO.emojis.edgeward}`, { name: 'x_x' });
    expect(res.body.code).toBe(50013);
    expect((await api(ctx.emu, 'DELETE', `/guilds/${G}/emojis/1`)).body.code).toBe(10014);
  });
});

describe('stickers', () => {
  it('creates a PNG sticker from a multipart upload; the CDN serves the file; deletes it', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const bytes = png('sticker-upload');
    const res = await uploadSticker(
      ctx.emu,
      { name: 'hello', description: 'a wave', tags: 'wave' },
      { bytes, name: 'sticker.png', type: 'image/png' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'hello',
      description: 'a wave',
      tags: 'wave',
      format_type: 1,
      guild_id: G,
    });
    const img = await cdn(ctx.emu, `/stickers/${res.body.id}.png`);
    expect(Buffer.from(img.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(storedAudit(ctx.emu).at(-1)).toMatchObject({ action_type: 90, reason: 'sticker restore' });
    const apng = await uploadSticker(
      ctx.emu,
      { name: 'moving', tags: 'x' },
      { bytes: png('a', true), name: 'a.png', type: 'image/png' },
    );
    expect(apng.body.format_type).toBe(2);
    const del = await api(ctx.emu, 'DELETE', `/guilds/${G}/stickers/${res.body.id}`);
    expect(del.status).toBe(204);
    expect(storedAudit(ctx.emu).at(-1).action_type).toBe(92);
    expect((await cdn(ctx.emu, `/stickers/${res.body.id}.png`)).status).toBe(404);
  });

  it('Lottie needs a VERIFIED or PARTNERED guild (50046); a missing file or name → 50035', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const lottie = new TextEncoder().encode('{"v":"5.5.2","fr":30,"layers":[]}');
    const file = { bytes: lottie, name: 'sticker.json', type: 'application/json' };
    const res = await uploadSticker(ctx.emu, { name: 'lottie', tags: 'x' }, file);
    expect(res.body).toEqual({ message: 'Invalid Asset', code: 50046 });
    await control(ctx.emu, 'PATCH', `/guilds/${G}`, { features: ['VERIFIED'] });
    expect((await uploadSticker(ctx.emu, { name: 'lottie', tags: 'x' }, file)).body.format_type).toBe(3);
    const missing = await uploadSticker(ctx.emu, { tags: 'x' });
    expect(Object.keys(missing.body.errors).sort()).toEqual(['file', 'name']);
  });

  it('slots by Boost tier (30039); creating needs Create Expressions', async () => {
    const denied = await uploadSticker(
      ctx.emu,
      { name: 'hello', tags: 'x' },
      { bytes: png('s'), name: 's.png', type: 'image/png' },
    );
    expect(denied.body.code).toBe(50013);
    await botRoles(ctx.emu, DEMO.roles.admin);
    await control(ctx.emu, 'PATCH', `/guilds/${G}`, { premium_tier: 0 });
    fill('stickers', 3); // + 2 in the fixture = 5
    const res = await uploadSticker(
      ctx.emu,
      { name: 'hello', tags: 'x' },
      { bytes: png('s'), name: 's.png', type: 'image/png' },
    );
    expect(res.body).toEqual({ message: 'Maximum number of stickers reached (5)', code: 30039 });
  });
});
