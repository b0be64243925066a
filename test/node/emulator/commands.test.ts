import { describe, expect, it } from 'vitest';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator({ rateLimits: { buckets: { commands: { limit: 50, windowMs: 20000 } } } });
const global = `/applications/${DEMO.applicationId}/commands`;
const guildPath = `/applications/${DEMO.applicationId}/guilds/${DEMO.guildId}/commands`;

const ping = { name: 'ping', description: 'Replies with pong' };
const setprefix = {
  name: 'setprefix',
  description: 'Set the prefix',
  options: [{ type: 3, name: 'prefix', description: 'New prefix', required: true }],
};

describe('application commands', () => {
  it('bulk overwrite keeps ids of unchanged names and bumps version only on change', async () => {
    const first = await api(ctx.emu, 'PUT', global, [ping, setprefix]);
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(2);
    expect(first.body[0]).toMatchObject({
      name: 'ping',
      type: 1,
      application_id: DEMO.applicationId,
      default_member_permissions: null,
    });
    const second = await api(ctx.emu, 'PUT', global, [
      ping,
      { ...setprefix, description: 'Change the prefix' },
    ]);
    expect(second.body[0].id).toBe(first.body[0].id);
    expect(second.body[0].version).toBe(first.body[0].version);
    expect(second.body[1].id).toBe(first.body[1].id);
    expect(second.body[1].version).not.toBe(first.body[1].version);
    const listed = await api(ctx.emu, 'GET', global);
    expect(listed.body.map((c: { name: string }) => c.name)).toEqual(['ping', 'setprefix']);
    const puts = await control(ctx.emu, 'GET', '/log?method=PUT&path=/commands');
    expect(puts.body).toHaveLength(2);
  });

  it('create (201 new, 200 same name), get, patch, delete', async () => {
    const created = await api(ctx.emu, 'POST', global, ping);
    expect(created.status).toBe(201);
    const again = await api(ctx.emu, 'POST', global, { ...ping, description: 'Pong!' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    const got = await api(ctx.emu, 'GET', `${global}/${created.body.id}`);
    expect(got.body.description).toBe('Pong!');
    const patched = await api(ctx.emu, 'PATCH', `${global}/${created.body.id}`, {
      default_member_permissions: '32',
    });
    expect(patched.body).toMatchObject({ name: 'ping', default_member_permissions: '32' });
    expect((await api(ctx.emu, 'DELETE', `${global}/${created.body.id}`)).status).toBe(204);
    const gone = await api(ctx.emu, 'GET', `${global}/${created.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe(10063);
  });

  it('guild commands are separate and carry guild_id', async () => {
    const res = await api(ctx.emu, 'PUT', guildPath, [ping]);
    expect(res.body[0].guild_id).toBe(DEMO.guildId);
    expect((await api(ctx.emu, 'GET', global)).body).toEqual([]);
    const unknownGuild = await api(ctx.emu, 'GET', `/applications/${DEMO.applicationId}/guilds/1/commands`);
    expect(unknownGuild.body.code).toBe(10004);
  });

  it('the 100 CHAT_INPUT command limit (30032)', async () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ name: `cmd${i}`, description: `Command ${i}` }));
    expect((await api(ctx.emu, 'PUT', global, many)).status).toBe(200);
    const extra = await api(ctx.emu, 'POST', global, { name: 'extra', description: 'one too many' });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe(30032);
    const tooMany = await api(ctx.emu, 'PUT', global, [...many, { name: 'extra', description: 'x' }]);
    expect(tooMany.body.code).toBe(30032);
    // A USER command does not count against the CHAT_INPUT limit.
    expect((await api(ctx.emu, 'POST', global, { type: 2, name: 'Inspect' })).status).toBe(201);
  });

  it('validates names, descriptions and duplicate names', async () => {
    const bad = await api(ctx.emu, 'PUT', global, [{ name: 'Bad Name', description: '' }, ping, ping]);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(50035);
    expect(bad.body.errors['0'].name._errors[0].code).toBe('APPLICATION_COMMAND_INVALID_NAME');
    expect(bad.body.errors['0'].description._errors[0].code).toBe('BASE_TYPE_REQUIRED');
    expect(bad.body.errors['2'].name._errors[0].code).toBe('APPLICATION_COMMANDS_DUPLICATE_NAME');
  });

  it('counts names, descriptions and choices of every subcommand against 8000 characters', async () => {
    const sub = (i: number, descriptionLength: number) => ({
      type: 1,
      name: `s${i}`,
      description: 'd'.repeat(100),
      options: [{ type: 3, name: 'text', description: 'e'.repeat(descriptionLength) }],
    });
    // 25 subcommands of 100 + 2 or 3 + 4 + 100 characters, plus the command's own 6 + 5.
    const fits = {
      name: 'notes',
      description: 'Notes',
      options: Array.from({ length: 25 }, (_, i) => sub(i, 100)),
    };
    expect((await api(ctx.emu, 'PUT', global, [fits])).status).toBe(200);
    const choices = Array.from({ length: 25 }, (_, i) => ({ name: 'c'.repeat(100), value: `v${i}` }));
    const big = {
      ...fits,
      options: fits.options.map((o) => ({ ...o, options: [{ ...o.options[0], choices }] })),
    };
    const refused = await api(ctx.emu, 'PUT', global, [big]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors['0']._errors[0]).toEqual({
      code: 'APPLICATION_COMMAND_TOO_LARGE',
      message: 'Command exceeds maximum size (8000)',
    });
  });

  it('command writes have their own bucket', async () => {
    const res = await api(ctx.emu, 'PUT', global, [ping]);
    expect(res.headers.get('x-ratelimit-limit')).toBe('50');
    const read = await api(ctx.emu, 'GET', global);
    expect(read.headers.get('x-ratelimit-bucket')).not.toBe(res.headers.get('x-ratelimit-bucket'));
  });
});
