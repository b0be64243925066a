import { webcrypto } from 'node:crypto';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator();
const ALL = Object.values(PermissionFlagsBits)
  .reduce((a, b) => a | b, 0n)
  .toString();
const guild = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };

async function build(spec: Record<string, unknown>) {
  const res = await control(ctx.emu, 'POST', '/interactions/build', spec);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; token: string; body: string; headers: Record<string, string> };
}

function payload(built: { body: string }) {
  return JSON.parse(built.body);
}

async function verify(publicKeyHex: string, signatureHex: string, message: string): Promise<boolean> {
  const key = await webcrypto.subtle.importKey(
    'raw',
    Buffer.from(publicKeyHex, 'hex'),
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  return webcrypto.subtle.verify(
    'Ed25519',
    key,
    Buffer.from(signatureHex, 'hex'),
    new TextEncoder().encode(message),
  );
}

const respond = (id: string, body: unknown, status = 200) =>
  control(ctx.emu, 'POST', `/interactions/${id}/response`, { status, body });
const callback = (b: { id: string; token: string }, body: unknown, query = '') =>
  api(ctx.emu, 'POST', `/interactions/${b.id}/${b.token}/callback${query}`, body, { auth: null });
const webhook = (b: { token: string }, method: string, suffix: string, body?: unknown) =>
  api(ctx.emu, method, `/webhooks/${DEMO.applicationId}/${b.token}${suffix}`, body, { auth: null });

describe('building and signing', () => {
  it('signs timestamp + body with the advertised public key', async () => {
    const built = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'ping' } });
    const { 'X-Signature-Ed25519': sig, 'X-Signature-Timestamp': ts } = built.headers;
    expect(sig).toMatch(/^[0-9a-f]{128}$/);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
    expect(await verify(ctx.emu.publicKey, sig!, ts! + built.body)).toBe(true);
    expect(await verify(ctx.emu.publicKey, sig!, `${ts}${built.body} `)).toBe(false);
    const p = payload(built);
    expect(p).toMatchObject({
      id: built.id,
      token: built.token,
      type: 2,
      version: 1,
      application_id: DEMO.applicationId,
      context: 0,
    });
    expect(p.data).toMatchObject({ name: 'ping', type: 1 });
  });

  it('bad_signature signs with another key; timestamp_offset shifts the timestamp', async () => {
    const built = await build({ type: 1, bad_signature: true, timestamp_offset: -600 });
    const { 'X-Signature-Ed25519': sig, 'X-Signature-Timestamp': ts } = built.headers;
    expect(await verify(ctx.emu.publicKey, sig!, ts! + built.body)).toBe(false);
    expect(Number(ts)).toBeLessThan(Date.now() / 1000 - 590);
    expect(payload(built)).toMatchObject({ type: 1, version: 1 });
  });

  it('member.permissions and app_permissions are computed per channel', async () => {
    const perms = async (user: string, channel: string) =>
      payload(
        await build({
          type: 2,
          user_id: user,
          guild_id: DEMO.guildId,
          channel_id: channel,
          data: { name: 'x' },
        }),
      );
    expect((await perms(DEMO.users.ada, DEMO.channels.admins)).member.permissions).toBe(ALL);
    expect((await perms(DEMO.users.alan, DEMO.channels.admins)).member.permissions).toBe(ALL);
    const maxAdmins = BigInt((await perms(DEMO.users.max, DEMO.channels.admins)).member.permissions);
    expect(maxAdmins & PermissionFlagsBits.ViewChannel).toBe(0n);
    const maxGeneral = await perms(DEMO.users.max, DEMO.channels.general);
    expect(BigInt(maxGeneral.member.permissions) & PermissionFlagsBits.ViewChannel).toBe(
      PermissionFlagsBits.ViewChannel,
    );
    expect(BigInt(maxGeneral.member.permissions) & PermissionFlagsBits.ManageMessages).toBe(0n);
    const mia = await perms(DEMO.users.mia, DEMO.channels.general);
    expect(BigInt(mia.member.permissions) & PermissionFlagsBits.ManageGuild).toBe(
      PermissionFlagsBits.ManageGuild,
    );
    expect(maxGeneral.member.user.id).toBe(DEMO.users.max);
    const noBot = await perms(DEMO.users.max, DEMO.channels.noBot);
    expect(BigInt(noBot.app_permissions) & PermissionFlagsBits.SendMessages).toBe(0n);
    expect(BigInt(maxGeneral.app_permissions) & PermissionFlagsBits.SendMessages).toBe(
      PermissionFlagsBits.SendMessages,
    );
  });

  it('fills data.id from the registered command and resolves user/role/channel options', async () => {
    const put = await api(ctx.emu, 'PUT', `/applications/${DEMO.applicationId}/commands`, [
      { name: 'info', description: 'info', options: [{ type: 6, name: 'user', description: 'u' }] },
    ]);
    const p = payload(
      await build({
        type: 2,
        user_id: DEMO.users.ada,
        ...guild,
        data: {
          name: 'info',
          options: [
            { name: 'user', type: 6, value: DEMO.users.max },
            { name: 'role', type: 8, value: DEMO.roles.moderator },
            { name: 'channel', type: 7, value: DEMO.channels.admins },
            { name: 'who', type: 9, value: DEMO.roles.admin },
          ],
        },
      }),
    );
    expect(p.data.id).toBe(put.body[0].id);
    expect(p.data.resolved.users[DEMO.users.max].username).toBe('max');
    expect(p.data.resolved.members[DEMO.users.max]).toMatchObject({
      nick: 'Maxi',
      roles: [DEMO.roles.member],
    });
    expect(p.data.resolved.members[DEMO.users.max].user).toBeUndefined();
    expect(p.data.resolved.roles[DEMO.roles.moderator].name).toBe('Moderator');
    expect(p.data.resolved.roles[DEMO.roles.admin].name).toBe('Admin');
    expect(p.data.resolved.channels[DEMO.channels.admins]).toMatchObject({
      name: 'admins',
      type: 0,
      permissions: ALL,
    });
    const unregistered = payload(
      await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'nope' } }),
    );
    expect(unregistered.data.id).toMatch(/^\d{17,20}$/);
  });

  it('DM interactions carry user, not member', async () => {
    const p = payload(await build({ type: 2, user_id: DEMO.users.max, data: { name: 'help' } }));
    expect(p.user.id).toBe(DEMO.users.max);
    expect(p.member).toBeUndefined();
    expect(p.guild_id).toBeUndefined();
    expect(p.context).toBe(1);
    expect(p.channel.type).toBe(1);
    const notMember = await control(ctx.emu, 'POST', '/interactions/build', {
      type: 2,
      user_id: DEMO.users.olive,
      guild_id: DEMO.otherGuildId,
      data: { name: 'x' },
    });
    expect(notMember.status).toBe(400);
  });
});

describe('responses', () => {
  it('type 4 via the HTTP body creates a message; components can then be pressed (type 3 carries the message)', async () => {
    const cmd = await build({ type: 2, user_id: DEMO.users.max, ...guild, data: { name: 'vote' } });
    const row = { type: 1, components: [{ type: 2, style: 1, label: 'Yes', custom_id: 'vote:yes' }] };
    const rec = await respond(cmd.id, { type: 4, data: { content: 'Vote?', components: [row] } });
    expect(rec.body.response.type).toBe(4);
    const reply = rec.body.messages[0];
    expect(reply).toMatchObject({
      content: 'Vote?',
      type: 20,
      interaction_metadata: { id: cmd.id, type: 2, user: { id: DEMO.users.max } },
    });
    const press = await build({
      type: 3,
      user_id: DEMO.users.ada,
      ...guild,
      message_id: reply.id,
      data: { custom_id: 'vote:yes' },
    });
    const p = payload(press);
    expect(p.message.id).toBe(reply.id);
    expect(p.data).toEqual({ custom_id: 'vote:yes', component_type: 2 });
    const update = await callback(press, { type: 7, data: { content: 'Voted!', components: [] } });
    expect(update.status).toBe(204);
    const msg = await api(ctx.emu, 'GET', `/channels/${DEMO.channels.general}/messages/${reply.id}`);
    expect(msg.body).toMatchObject({ content: 'Voted!', components: [] });
    const unknown = await control(ctx.emu, 'POST', '/interactions/build', {
      type: 3,
      user_id: DEMO.users.ada,
      ...guild,
      message_id: reply.id,
      data: { custom_id: 'nope' },
    });
    expect(unknown.status).toBe(400);
  });

  it('select menus: values and resolved', async () => {
    const cmd = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'pick' } });
    const row = { type: 1, components: [{ type: 5, custom_id: 'pick:user' }] };
    const rec = await respond(cmd.id, { type: 4, data: { content: 'Pick', components: [row] } });
    const press = payload(
      await build({
        type: 3,
        user_id: DEMO.users.ada,
        ...guild,
        message_id: rec.body.messages[0].id,
        data: { custom_id: 'pick:user', values: [DEMO.users.mia] },
      }),
    );
    expect(press.data).toMatchObject({ component_type: 5, values: [DEMO.users.mia] });
    expect(press.data.resolved.users[DEMO.users.mia].username).toBe('mia');
  });

  it('a second response is 40060', async () => {
    const b = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'ping' } });
    expect((await callback(b, { type: 4, data: { content: 'pong' } })).status).toBe(204);
    const twice = await callback(b, { type: 4, data: { content: 'pong' } });
    expect(twice.status).toBe(400);
    expect(twice.body).toEqual({ message: 'Interaction has already been acknowledged.', code: 40060 });
    const viaHttp = await respond(b.id, { type: 4, data: { content: 'again' } });
    expect(viaHttp.body.error.body.code).toBe(40060);
  });

  it('deferred (5) shows a LOADING placeholder that @original edits fill; follow-ups are recorded', async () => {
    const b = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'slow' } });
    const cb = await callback(b, { type: 5 }, '?with_response=true');
    expect(cb.status).toBe(200);
    expect(cb.body.interaction).toMatchObject({
      id: b.id,
      response_message_loading: true,
      response_message_ephemeral: false,
    });
    let rec = await control(ctx.emu, 'GET', `/interactions/${b.id}`);
    expect(rec.body.messages[0].flags & 128).toBe(128);
    const edit = await webhook(b, 'PATCH', '/messages/@original', { content: 'done' });
    expect(edit.status).toBe(200);
    expect(edit.body.flags & 128).toBe(0);
    const follow = await webhook(b, 'POST', '', { content: 'and more', embeds: [{ title: 'extra' }] });
    expect(follow.status).toBe(200);
    expect(follow.body.interaction_metadata.original_response_message_id).toBe(edit.body.id);
    const followEdit = await webhook(b, 'PATCH', `/messages/${follow.body.id}`, { content: 'and more!' });
    expect(followEdit.body.content).toBe('and more!');
    rec = await control(ctx.emu, 'GET', `/interactions/${b.id}`);
    expect(rec.body.edits.map((e: { target: string }) => e.target)).toEqual(['@original', follow.body.id]);
    expect(rec.body.followups).toHaveLength(1);
    expect(rec.body.messages.map((m: { content: string }) => m.content)).toEqual(['done', 'and more!']);
    const channel = await control(ctx.emu, 'GET', `/channels/${DEMO.channels.general}/messages`);
    expect(channel.body.at(-1).content).toBe('and more!');
    expect((await webhook(b, 'GET', '/messages/@original')).body.content).toBe('done');
    const tooLong = await webhook(b, 'PATCH', '/messages/@original', { content: 'x'.repeat(2001) });
    expect(tooLong.body.code).toBe(50035);
  });

  it('a follow-up right after a deferral edits the loading message', async () => {
    const b = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'slow' } });
    await respond(b.id, { type: 5 });
    const follow = await webhook(b, 'POST', '', { content: 'filled' });
    const rec = await control(ctx.emu, 'GET', `/interactions/${b.id}`);
    expect(rec.body.messages).toHaveLength(1);
    expect(rec.body.messages[0]).toMatchObject({ id: follow.body.id, content: 'filled' });
    expect(rec.body.followups[0].editedOriginal).toBe(true);
  });

  it('follow-ups need an initial response; unknown tokens are 401 50027', async () => {
    const b = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'x' } });
    expect((await webhook(b, 'POST', '', { content: 'early' })).body.code).toBe(10015);
    expect((await webhook({ token: 'nope' }, 'POST', '', { content: 'x' })).body).toEqual({
      message: 'Invalid Webhook Token',
      code: 50027,
    });
    expect((await webhook(b, 'GET', '/messages/@original')).body.code).toBe(10008);
  });

  it('ephemeral replies are recorded but only visible to the invoking user', async () => {
    const b = await build({ type: 2, user_id: DEMO.users.max, ...guild, data: { name: 'secret' } });
    await callback(b, { type: 4, data: { content: 'only you', flags: 64 } });
    const rec = await control(ctx.emu, 'GET', `/interactions/${b.id}`);
    expect(rec.body.messages[0]).toMatchObject({ content: 'only you', ephemeral: true });
    expect(rec.body.messages[0].flags & 64).toBe(64);
    const rest = await api(ctx.emu, 'GET', `/channels/${DEMO.channels.general}/messages`);
    expect(rest.body.some((m: { content: string }) => m.content === 'only you')).toBe(false);
    const asMax = await control(
      ctx.emu,
      'GET',
      `/channels/${DEMO.channels.general}/messages?user=${DEMO.users.max}`,
    );
    const asAda = await control(
      ctx.emu,
      'GET',
      `/channels/${DEMO.channels.general}/messages?user=${DEMO.users.ada}`,
    );
    expect(asMax.body).toHaveLength(2);
    expect(asAda.body).toHaveLength(1);
  });

  it('invalid response bodies are rejected like Discord does', async () => {
    const b = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'x' } });
    expect((await callback(b, { type: 4, data: { content: '' } })).body.code).toBe(50006);
    expect((await callback(b, { type: 7, data: { content: 'x' } })).body.code).toBe(50035);
    expect(
      (await callback(b, { type: 4, data: { embeds: [{ description: 'd'.repeat(4097) }] } })).body.code,
    ).toBe(50035);
    expect((await callback(b, { type: 4, data: { content: 'ok' } })).status).toBe(204);
  });

  it('autocomplete choices and modals are stored', async () => {
    const auto = await build({
      type: 4,
      user_id: DEMO.users.ada,
      ...guild,
      data: { name: 'search', options: [{ name: 'q', type: 3, value: 'ab', focused: true }] },
    });
    await callback(auto, { type: 8, data: { choices: [{ name: 'abc', value: 'abc' }] } });
    expect((await control(ctx.emu, 'GET', `/interactions/${auto.id}`)).body.choices).toEqual([
      { name: 'abc', value: 'abc' },
    ]);
    const cmd = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'feedback' } });
    const modal = {
      custom_id: 'fb',
      title: 'Feedback',
      components: [{ type: 1, components: [{ type: 4, custom_id: 'text', style: 1, label: 'Text' }] }],
    };
    await respond(cmd.id, { type: 9, data: modal });
    expect((await control(ctx.emu, 'GET', `/interactions/${cmd.id}`)).body.modal).toEqual(modal);
    const submit = payload(
      await build({ type: 5, user_id: DEMO.users.ada, ...guild, data: { custom_id: 'fb', components: [] } }),
    );
    expect(submit.data.custom_id).toBe('fb');
    const ping = await build({ type: 1 });
    expect((await respond(ping.id, { type: 1 })).body.response).toEqual({ type: 1 });
  });

  it('tokens expire after 15 minutes (401 50027); late callbacks are 10062', async () => {
    const b = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'x' } });
    await callback(b, { type: 5 });
    const late = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'x' } });
    await control(ctx.emu, 'PUT', '/time-offset', { ms: 16 * 60 * 1000 });
    const expired = await webhook(b, 'PATCH', '/messages/@original', { content: 'too late' });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ message: 'Invalid Webhook Token', code: 50027 });
    expect((await callback(late, { type: 4, data: { content: 'x' } })).body.code).toBe(10062);
  });
});

describe('/wait', () => {
  it('resolves once enough follow-ups and edits arrive, 408 on timeout', async () => {
    const b = await build({ type: 2, user_id: DEMO.users.ada, ...guild, data: { name: 'x' } });
    await respond(b.id, { type: 5 });
    const waiting = control(ctx.emu, 'GET', `/interactions/${b.id}/wait?count=2&timeout=3000`);
    await new Promise((r) => setTimeout(r, 50));
    await webhook(b, 'PATCH', '/messages/@original', { content: 'one' });
    await webhook(b, 'POST', '', { content: 'two' });
    const done = await waiting;
    expect(done.status).toBe(200);
    expect(done.body.messages.map((m: { content: string }) => m.content)).toEqual(['one', 'two']);
    const timeout = await control(ctx.emu, 'GET', `/interactions/${b.id}/wait?count=3&timeout=100`);
    expect(timeout.status).toBe(408);
  });
});
