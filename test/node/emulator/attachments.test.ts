import { randomBytes } from 'node:crypto';
import { DiscordAPIError, type RawFile, REST } from '@discordjs/rest';
import { type APIMessage, Routes } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator();
const general = DEMO.channels.general;
const MiB = 1024 * 1024;
const rests: REST[] = [];

/** `@discordjs/rest` against the emulator, exactly as the worker uses it. */
function rest(): REST {
  const client = new REST({ api: `${ctx.emu.url}/api`, version: '10', retries: 0 }).setToken(
    ctx.emu.botToken,
  );
  rests.push(client);
  return client;
}

afterEach(() => {
  for (const client of rests.splice(0)) {
    client.clearHashSweeper();
    client.clearHandlerSweeper();
  }
});

async function download(url: string) {
  const res = await fetch(url);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

async function rejection(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
}

const file = (name: string, data: Buffer, contentType = 'application/octet-stream'): RawFile => ({
  name,
  data,
  contentType,
});

async function build(spec: Record<string, unknown>) {
  const res = await control(ctx.emu, 'POST', '/interactions/build', spec);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; token: string; body: string };
}

const command = (data: Record<string, unknown>) => ({
  type: 2,
  user_id: DEMO.users.ada,
  guild_id: DEMO.guildId,
  channel_id: general,
  data,
});

describe('multipart message create', () => {
  it('stores two files with payload_json and serves their exact bytes from the CDN', async () => {
    const text = Buffer.from('hello, attachments\n');
    const binary = randomBytes(5000);
    const message = (await rest().post(Routes.channelMessages(general), {
      body: {
        content: 'two files',
        attachments: [
          { id: 0, description: 'a greeting' },
          { id: 1, filename: 'renamed.bin' },
        ],
      },
      files: [file('hello.txt', text, 'text/plain'), file('data.bin', binary)],
    })) as APIMessage;
    expect(message.content).toBe('two files');
    expect(message.attachments).toHaveLength(2);
    const [a, b] = message.attachments as [APIMessage['attachments'][0], APIMessage['attachments'][0]];
    expect(a).toMatchObject({ filename: 'hello.txt', size: text.length, content_type: 'text/plain' });
    expect(a.description).toBe('a greeting');
    expect(b).toMatchObject({
      filename: 'renamed.bin',
      size: 5000,
      content_type: 'application/octet-stream',
    });
    expect(a.id).toMatch(/^\d{17,20}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.url).toBe(`${ctx.emu.url}/cdn/attachments/${general}/${a.id}/hello.txt`);
    expect(a.proxy_url).toBe(a.url);

    const first = await download(a.url);
    expect(first).toMatchObject({ status: 200, type: 'text/plain' });
    expect(first.bytes.equals(text)).toBe(true);
    const second = await download(b.url);
    expect(second.bytes.equals(binary)).toBe(true);
    expect((await download(b.url.replace('renamed.bin', 'data.bin'))).status).toBe(404);

    const read = await api(ctx.emu, 'GET', `/channels/${general}/messages/${message.id}`);
    expect(read.body.attachments).toEqual(message.attachments);
    const log = await control(ctx.emu, 'GET', `/log?method=POST&path=/channels/${general}/messages`);
    expect(log.body.at(-1)).toMatchObject({
      body: { content: 'two files' },
      files: [
        { name: 'files[0]', filename: 'hello.txt', content_type: 'text/plain', size: text.length },
        { name: 'files[1]', filename: 'data.bin', size: 5000 },
      ],
    });
  });

  it('accepts a message with only an attachment (not empty), and form fields without payload_json', async () => {
    const only = (await rest().post(Routes.channelMessages(general), {
      files: [file('only.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png')],
    })) as APIMessage;
    expect(only.content).toBe('');
    expect(only.attachments[0]).toMatchObject({ filename: 'only.png', size: 4, content_type: 'image/png' });
    expect((await api(ctx.emu, 'POST', `/channels/${general}/messages`, {})).body.code).toBe(50006);

    const form = new FormData();
    form.append('content', 'plain fields');
    form.append('files[0]', new Blob(['abc']), 'notes.txt');
    const res = await fetch(`${ctx.emu.apiBase}/channels/${general}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bot ${ctx.emu.botToken}` },
      body: form,
    });
    const body = (await res.json()) as APIMessage;
    expect(res.status).toBe(200);
    expect(body.content).toBe('plain fields');
    expect(body.attachments[0]).toMatchObject({ filename: 'notes.txt', size: 3 });
  });

  it('rejects 11 files with 30015 and a file over 10 MiB with 413 40005', async () => {
    const files = Array.from({ length: 11 }, (_, i) => file(`f${i}.txt`, Buffer.from(`file ${i}`)));
    const tooMany = await rejection(
      rest().post(Routes.channelMessages(general), { body: { content: 'x' }, files }),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.code).toBe(30015);
    expect(tooMany.message).toBe('Maximum number of attachments in a message reached (10)');

    const big = file('big.bin', Buffer.alloc(10 * MiB + 1));
    const tooLarge = await rejection(rest().post(Routes.channelMessages(general), { files: [big] }));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.rawError).toEqual({ message: 'Request entity too large', code: 40005 });
    const list = await api(ctx.emu, 'GET', `/channels/${general}/messages`);
    expect(list.body.some((m: APIMessage) => m.attachments.length > 0)).toBe(false);

    // The limit is per file: ten files, two of 6 MiB, pass.
    const ok = (await rest().post(Routes.channelMessages(general), {
      files: [
        ...files.slice(0, 8),
        file('a.bin', Buffer.alloc(6 * MiB)),
        file('b.bin', Buffer.alloc(6 * MiB)),
      ],
    })) as APIMessage;
    expect(ok.attachments).toHaveLength(10);
  });

  it('rejects attachment entries that match no uploaded file', async () => {
    const res = await api(ctx.emu, 'POST', `/channels/${general}/messages`, {
      content: 'x',
      attachments: [{ id: 0, filename: 'missing.png' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({
      attachments: {
        0: { _errors: [{ code: 'ATTACHMENT_NOT_FOUND', message: 'Attachment data not found' }] },
      },
    });
  });
});

describe('edits and deletion', () => {
  it('keeps listed attachments, appends new files, and 404s removed or deleted ones', async () => {
    const client = rest();
    const created = (await client.post(Routes.channelMessages(general), {
      files: [file('one.txt', Buffer.from('1')), file('two.txt', Buffer.from('2'))],
    })) as APIMessage;
    const [one, two] = created.attachments as [APIMessage['attachments'][0], APIMessage['attachments'][0]];
    const edited = (await client.patch(Routes.channelMessage(general, created.id), {
      body: { attachments: [{ id: one.id }, { id: 0, description: 'new' }] },
      files: [file('three.txt', Buffer.from('3'))],
    })) as APIMessage;
    expect(edited.attachments.map((a) => a.filename)).toEqual(['one.txt', 'three.txt']);
    expect((await download(one.url)).status).toBe(200);
    expect((await download(two.url)).status).toBe(404);

    const appended = (await client.patch(Routes.channelMessage(general, created.id), {
      body: { content: 'now with four' },
      files: [file('four.txt', Buffer.from('4'))],
    })) as APIMessage;
    expect(appended.attachments.map((a) => a.filename)).toEqual(['one.txt', 'three.txt', 'four.txt']);

    await client.delete(Routes.channelMessage(general, created.id));
    for (const attachment of appended.attachments) expect((await download(attachment.url)).status).toBe(404);
  });
});

describe('interactions', () => {
  it('fills the @original of a deferred reply from a multipart webhook PATCH (auth: false)', async () => {
    const built = await build(command({ name: 'backupexport' }));
    const deferred = await control(ctx.emu, 'POST', `/interactions/${built.id}/response`, {
      status: 200,
      body: { type: 5 },
    });
    expect(deferred.status).toBe(200);
    const exported = Buffer.from(JSON.stringify({ guild: DEMO.guildId, roles: 4 }));
    const message = (await rest().patch(Routes.webhookMessage(DEMO.applicationId, built.token, '@original'), {
      auth: false,
      body: { content: 'Your export', attachments: [{ id: 0, filename: 'backup.json' }] },
      files: [file('backup.json', exported, 'application/json')],
    })) as APIMessage;
    expect(message.flags ?? 0).toBe(0);
    expect(message.attachments[0]).toMatchObject({
      filename: 'backup.json',
      content_type: 'application/json',
    });

    const record = await control(ctx.emu, 'GET', `/interactions/${built.id}`);
    expect(record.body.edits).toHaveLength(1);
    const [original] = record.body.messages as APIMessage[];
    expect(original!.content).toBe('Your export');
    const got = await download(original!.attachments[0]!.url);
    expect(got.type).toBe('application/json');
    expect(JSON.parse(got.bytes.toString('utf8'))).toEqual({ guild: DEMO.guildId, roles: 4 });
  });

  it('accepts files with the callback (type 4) and follow-ups', async () => {
    const built = await build(command({ name: 'ping' }));
    const form = new FormData();
    form.append(
      'payload_json',
      JSON.stringify({ type: 4, data: { content: 'here', attachments: [{ id: 0, filename: 'r.txt' }] } }),
    );
    form.append('files[0]', new Blob(['reply bytes'], { type: 'text/plain' }), 'reply.txt');
    const url = `${ctx.emu.apiBase}/interactions/${built.id}/${built.token}/callback`;
    expect((await fetch(url, { method: 'POST', body: form })).status).toBe(204);
    const followup = (await rest().post(Routes.webhook(DEMO.applicationId, built.token), {
      auth: false,
      body: { content: 'more' },
      files: [file('more.txt', Buffer.from('follow-up bytes'), 'text/plain')],
    })) as APIMessage;
    const record = await control(ctx.emu, 'GET', `/interactions/${built.id}`);
    const messages = record.body.messages as APIMessage[];
    expect(messages.map((m) => m.attachments[0]?.filename)).toEqual(['r.txt', 'more.txt']);
    expect(messages[1]!.id).toBe(followup.id);
    expect((await download(messages[0]!.attachments[0]!.url)).bytes.toString()).toBe('reply bytes');
  });

  it('resolves an attachment option uploaded through the control API', async () => {
    const data = randomBytes(64);
    const upload = await control(ctx.emu, 'POST', '/attachments', {
      filename: 'restore.json',
      content_type: 'application/json',
      data_base64: data.toString('base64'),
    });
    expect(upload.status).toBe(200);
    expect(upload.body).toMatchObject({
      filename: 'restore.json',
      size: 64,
      content_type: 'application/json',
    });
    expect(upload.body.url).toBe(
      `${ctx.emu.url}/cdn/ephemeral-attachments/${DEMO.applicationId}/${upload.body.id}/restore.json`,
    );
    expect((await download(upload.body.url)).bytes.equals(data)).toBe(true);

    const built = await build(
      command({ name: 'backuprestore', options: [{ name: 'file', type: 11, value: upload.body.id }] }),
    );
    const payload = JSON.parse(built.body);
    expect(payload.data.options).toEqual([{ name: 'file', type: 11, value: upload.body.id }]);
    expect(payload.data.resolved.attachments).toEqual({ [upload.body.id]: upload.body });

    const unknown = await control(
      ctx.emu,
      'POST',
      '/interactions/build',
      command({ name: 'backuprestore', options: [{ name: 'file', type: 11, value: '1300000000000009999' }] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('unknown attachment');
    expect((await control(ctx.emu, 'POST', '/attachments', { filename: 'x' })).status).toBe(400);
  });

  it('forgets uploads on reset', async () => {
    const upload = await control(ctx.emu, 'POST', '/attachments', { filename: 'a.txt', data_base64: 'YQ==' });
    expect(upload.body.content_type).toBe('text/plain; charset=utf-8');
    await control(ctx.emu, 'POST', '/reset');
    expect((await download(upload.body.url)).status).toBe(404);
  });
});
