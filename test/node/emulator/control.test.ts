import { spawn } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator();

/** A tiny stand-in for the worker: verifies the signature, answers PING, replies or defers. */
let worker: Server;
let workerUrl = '';
beforeAll(async () => {
  worker = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const sig = String(req.headers['x-signature-ed25519']);
      const ts = String(req.headers['x-signature-timestamp']);
      const key = await webcrypto.subtle.importKey(
        'raw',
        Buffer.from(ctx.emu.publicKey, 'hex'),
        { name: 'Ed25519' },
        false,
        ['verify'],
      );
      const ok = await webcrypto.subtle.verify(
        'Ed25519',
        key,
        Buffer.from(sig, 'hex'),
        new TextEncoder().encode(ts + body),
      );
      const send = (status: number, data?: unknown) => {
        res.writeHead(status, data ? { 'Content-Type': 'application/json' } : {});
        res.end(data ? JSON.stringify(data) : undefined);
      };
      if (!ok) return send(401, { error: 'invalid request signature' });
      const interaction = JSON.parse(body);
      if (interaction.type === 1) return send(200, { type: 1 });
      if (interaction.data.name === 'slow') {
        send(200, { type: 5 });
        setTimeout(() => {
          void fetch(
            `${ctx.emu.apiBase}/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`,
            {
              method: 'PATCH',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ content: 'slow answer' }),
            },
          );
        }, 30);
        return;
      }
      send(200, {
        type: 4,
        data: { content: `hello <@${interaction.member?.user.id ?? interaction.user.id}>` },
      });
    });
  });
  await new Promise<void>((resolve) => worker.listen(0, '127.0.0.1', resolve));
  workerUrl = `http://127.0.0.1:${(worker.address() as AddressInfo).port}/interactions`;
});
afterAll(() => new Promise<void>((resolve) => worker.close(() => resolve())));

describe('send', () => {
  it('posts a signed interaction to the worker and records its reply', async () => {
    const ping = await control(ctx.emu, 'POST', '/interactions/send', { url: workerUrl, type: 1 });
    expect(ping.body).toMatchObject({ status: 200, response: { type: 1 } });
    const sent = await control(ctx.emu, 'POST', '/interactions/send', {
      url: workerUrl,
      type: 2,
      user_id: DEMO.users.max,
      guild_id: DEMO.guildId,
      channel_id: DEMO.channels.general,
      data: { name: 'hello' },
    });
    expect(sent.body).toMatchObject({ status: 200, response: { type: 4 } });
    const rec = await control(ctx.emu, 'GET', `/interactions/${sent.body.id}`);
    expect(rec.body.messages[0].content).toBe(`hello <@${DEMO.users.max}>`);
    expect(rec.body.responseVia).toBe('http');
    const bad = await control(ctx.emu, 'POST', '/interactions/send', {
      url: workerUrl,
      type: 1,
      bad_signature: true,
    });
    expect(bad.body.status).toBe(401);
  });

  it('deferred work done after the HTTP answer is visible through /wait', async () => {
    const sent = await control(ctx.emu, 'POST', '/interactions/send', {
      url: workerUrl,
      type: 2,
      user_id: DEMO.users.ada,
      data: { name: 'slow' },
    });
    expect(sent.body.response).toEqual({ type: 5 });
    const done = await control(ctx.emu, 'GET', `/interactions/${sent.body.id}/wait?timeout=2000`);
    expect(done.status).toBe(200);
    expect(done.body.messages[0].content).toBe('slow answer');
    expect(done.body.interaction.user.id).toBe(DEMO.users.ada);
  });

  it('without a worker URL it is a 400', async () => {
    const res = await control(ctx.emu, 'POST', '/interactions/send', { type: 1 });
    expect(res.status).toBe(400);
  });
});

describe('control API', () => {
  it('info, state and unknown control routes', async () => {
    const info = await control(ctx.emu, 'GET', '/info');
    expect(info.body).toEqual({
      url: ctx.emu.url,
      apiBase: ctx.emu.apiBase,
      cdnBase: `${ctx.emu.url}/cdn`,
      publicKey: ctx.emu.publicKey,
      botToken: DEMO.botToken,
      applicationId: DEMO.applicationId,
      webBase: ctx.emu.url,
      clientSecret: 'emulator-client-secret',
    });
    const state = await control(ctx.emu, 'GET', '/state');
    expect(state.body.guilds.map((g: { id: string }) => g.id)).toEqual([DEMO.guildId, DEMO.otherGuildId]);
    expect((await control(ctx.emu, 'GET', '/nope')).status).toBe(404);
  });

  it('reset restores the fixture, clears logs and interactions', async () => {
    await api(ctx.emu, 'POST', `/channels/${DEMO.channels.general}/messages`, { content: 'x' });
    await control(ctx.emu, 'PUT', '/intents', { members: false });
    await control(ctx.emu, 'POST', '/reset');
    expect((await control(ctx.emu, 'GET', `/channels/${DEMO.channels.general}/messages`)).body).toHaveLength(
      1,
    );
    expect((await control(ctx.emu, 'GET', '/log')).body).toEqual([]);
    expect((await api(ctx.emu, 'GET', `/guilds/${DEMO.guildId}/members`)).status).toBe(200);
  });

  it('the state is reachable in-process too', () => {
    expect(ctx.emu.state.guilds[0]?.id).toBe(DEMO.guildId);
    expect(ctx.emu.context.store.member(DEMO.guildId, DEMO.users.alan)?.roles).toContain(DEMO.roles.admin);
  });
});

describe('CLI', () => {
  it('prints one JSON line and serves', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', '0'], {
      cwd: root,
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const info = JSON.parse(line);
      expect(info.apiBase).toMatch(/\/api\/v10$/);
      expect(info.publicKey).toMatch(/^[0-9a-f]{64}$/);
      const res = await fetch(`${info.apiBase}/users/@me`, {
        headers: { Authorization: `Bot ${info.botToken}` },
      });
      expect(res.status).toBe(200);
    } finally {
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  }, 20000);
});
