import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { interact, resetEmulator } from './harness';

const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const slash = (
  user: string,
  name: string,
  options: { name: string; type: number; value: unknown }[] = [],
  at: { guild_id?: string; channel_id?: string } = where,
) => interact({ type: 2, user_id: user, ...at, data: { name, options } });
const str = (name: string, value: string) => ({ name, type: 3, value });
const role = (name: string, value: string) => ({ name, type: 8, value });

async function storedPrefix(guildId = DEMO.guildId) {
  return env.DB.prepare('SELECT prefix FROM guild_settings WHERE guild_id = ?')
    .bind(guildId)
    .first<{ prefix: string | null }>();
}

describe('/setprefix', () => {
  beforeEach(resetEmulator);

  it('lets an administrator change the prefix, and audits it', async () => {
    const res = await slash(DEMO.users.alan, 'setprefix', [str('prefix', '?')]);
    expect(res.body.data.embeds[0].title).toBe('✅ Prefix changed');
    expect((await storedPrefix())?.prefix).toBe('?');
    const audit = await env.DB.prepare(
      "SELECT actor_id, details FROM audit_log WHERE action = 'prefix.set' ORDER BY id DESC",
    ).first<{
      actor_id: string;
      details: string;
    }>();
    expect(audit).toEqual({ actor_id: DEMO.users.alan, details: '{"prefix":"?"}' });
    const help = await slash(DEMO.users.max, 'help');
    expect(help.body.data.embeds[0].description).toContain('`?`');
  });

  it('refuses members without Administrator', async () => {
    const res = await slash(DEMO.users.mia, 'setprefix', [str('prefix', '$')]);
    expect(res.body.data.flags).toBe(64);
    expect(res.body.data.embeds[0].description).toContain('**Administrator**');
  });

  it.each([
    ['too long', 'abcdef', 'at most 5'],
    ['with a space', 'a b', 'cannot contain spaces'],
    ['a mention', '<@1>', 'mention'],
    ['@everyone', '@here', 'mention'],
  ])('rejects a prefix %s and writes nothing', async (_label, value, message) => {
    const before = await storedPrefix();
    const res = await slash(DEMO.users.ada, 'setprefix', [str('prefix', value)]);
    expect(res.body.data.embeds[0].title).toContain('Invalid input');
    expect(res.body.data.embeds[0].description).toContain(message);
    expect(await storedPrefix()).toEqual(before);
  });

  it('is refused in direct messages', async () => {
    const res = await interact({
      type: 2,
      user_id: DEMO.users.ada,
      data: { name: 'setprefix', options: [str('prefix', '?')] },
    });
    expect(res.body.data.embeds[0].title).toContain('Server only');
  });

  it('applies a redelivered interaction only once', async () => {
    const { emulator } = await import('./harness');
    const { SELF } = await import('cloudflare:test');
    const built = await emulator<{ body: string; headers: Record<string, string> }>('/interactions/build', {
      body: {
        type: 2,
        user_id: DEMO.users.ada,
        ...where,
        data: { name: 'setprefix', options: [str('prefix', '%')] },
      },
    });
    const first = (await (
      await SELF.fetch('https://e.test/interactions', {
        method: 'POST',
        headers: built.headers,
        body: built.body,
      })
    ).json()) as any;
    const second = (await (
      await SELF.fetch('https://e.test/interactions', {
        method: 'POST',
        headers: built.headers,
        body: built.body,
      })
    ).json()) as any;
    expect(first.data.embeds[0].title).toBe('✅ Prefix changed');
    expect(second.data.embeds[0].title).toContain('Already done');
    const { n } = (await env.DB.prepare(
      'SELECT count(*) AS n FROM audit_log WHERE details = \'{"prefix":"%"}\'',
    ).first<{ n: number }>())!;
    expect(n).toBe(1);
  });
});

describe('/mentionprefix', () => {
  it('enables, disables and reports, taking effect at once', async () => {
    const off = await slash(DEMO.users.ada, 'mentionprefix', [str('action', 'disable')]);
    expect(off.body.data.embeds[0].title).toContain('Mention prefix disabled');
    const status = await slash(DEMO.users.ada, 'mentionprefix', [str('action', 'status')]);
    expect(status.body.data.embeds[0].fields[0].value).toBe('Disabled');
    const again = await slash(DEMO.users.ada, 'mentionprefix', [str('action', 'disable')]);
    expect(again.body.data.embeds[0].title).toContain('No change');
    const reset = await slash(DEMO.users.ada, 'mentionprefix', [str('action', 'default')]);
    expect(reset.body.data.embeds[0].title).toContain('enabled');
  });

  it('rejects an unknown action', async () => {
    const res = await slash(DEMO.users.ada, 'mentionprefix', [str('action', 'maybe')]);
    expect(res.body.data.embeds[0].description).toContain('must be one of: enable, disable, status, default');
  });
});

describe('/serversettings', () => {
  it('shows prefix, mention prefix and the server for administrators', async () => {
    const res = await slash(DEMO.users.alan, 'serversettings');
    const embed = res.body.data.embeds[0];
    expect(embed.title).toContain('Edgeward Demo');
    expect(embed.fields.map((f: any) => f.name)).toContain('🔖 Command prefix');
    expect(embed.fields.find((f: any) => f.name === '📊 Server').value).toContain(`<@${DEMO.users.ada}>`);
  });
  it('is refused to ordinary members', async () => {
    const res = await slash(DEMO.users.max, 'serversettings');
    expect(res.body.data.embeds[0].title).toContain('Missing permissions');
  });
});

/** `/config` as the server owner: `action`, then the command and role when given. */
const configure = (action: string, command?: string, roleId?: string) =>
  slash(DEMO.users.ada, 'config', [
    str('action', action),
    ...(command ? [str('command', command)] : []),
    ...(roleId ? [role('role', roleId)] : []),
  ]);

describe('/config role requirements', () => {
  it('restricts a command to a role in this guild only, and lifts it', async () => {
    const set = await slash(DEMO.users.ada, 'config', [
      str('action', 'set'),
      str('command', 'stats'),
      role('role', DEMO.roles.moderator),
    ]);
    expect(set.body.data.embeds[0].title).toContain('Role requirement added');

    const blocked = await slash(DEMO.users.max, 'stats');
    expect(blocked.body.data.embeds[0].title).toContain('Role required');
    expect(blocked.body.data.embeds[0].description).toContain(`<@&${DEMO.roles.moderator}>`);

    const allowed = await slash(DEMO.users.mia, 'stats');
    expect(allowed.body.data.embeds[0].title).toBe('📊 Bot statistics');

    const elsewhere = await slash(DEMO.users.max, 'extensions browse', [], {
      guild_id: DEMO.otherGuildId,
      channel_id: DEMO.channels.otherGeneral,
    });
    expect(elsewhere.body.data.embeds[0].title).toBe('🧩 Extensions');

    const list = await slash(DEMO.users.ada, 'config', [str('action', 'list')]);
    expect(list.body.data.embeds[0].fields).toEqual([
      { name: '/stats', value: `<@&${DEMO.roles.moderator}>`, inline: true },
    ]);

    const again = await slash(DEMO.users.ada, 'config', [
      str('action', 'set'),
      str('command', 'stats'),
      role('role', DEMO.roles.moderator),
    ]);
    expect(again.body.data.embeds[0].title).toContain('Already configured');

    const removed = await slash(DEMO.users.ada, 'config', [str('action', 'remove'), str('command', 'stats')]);
    expect(removed.body.data.embeds[0].title).toContain('Role requirement removed');
    const open = await slash(DEMO.users.max, 'stats');
    expect(open.body.data.embeds[0].title).toBe('📊 Bot statistics');
  });

  it('restricts one subcommand of a group, and asks for a subcommand when given the group', async () => {
    const group = await configure('set', 'extensions', DEMO.roles.moderator);
    expect(group.body.data.embeds[0].description).toContain(
      '`extensions` has subcommands, and each has its own roles. Name one: `extensions browse`, `extensions search`',
    );
    const set = await configure('set', 'extensions search', DEMO.roles.moderator);
    expect(set.body.data.embeds[0].title).toContain('Role requirement added');
    const blocked = await slash(DEMO.users.max, 'extensions search', [str('query', 'backup')]);
    expect(blocked.body.data.embeds[0].title).toContain('Role required');
    const sibling = await slash(DEMO.users.max, 'extensions browse');
    expect(sibling.body.data.embeds[0].title).toBe('🧩 Extensions');
    await configure('remove', 'extensions search');
  });

  it('lifts a rule stored under a name that is no command any more, and refuses to set one', async () => {
    await env.DB.prepare(
      'INSERT INTO command_role_requirements (guild_id, command, role_id, created_by, created_at) VALUES (?, ?, ?, ?, 1)',
    )
      .bind(DEMO.guildId, 'oldname', DEMO.roles.moderator, DEMO.users.ada)
      .run();
    const set = await configure('set', 'oldname', DEMO.roles.member);
    expect(set.body.data.embeds[0].description).toContain('no command called `oldname`');
    const removed = await configure('remove', 'oldname');
    expect(removed.body.data.embeds[0].description).toBe(
      '`oldname` is not a command any more; 1 stored role rule removed.',
    );
    const again = await configure('remove', 'oldname');
    expect(again.body.data.embeds[0].description).toContain('no command called `oldname`');
  });

  it('refuses unknown commands, owner commands and @everyone, writing nothing', async () => {
    const count = async () =>
      (await env.DB.prepare('SELECT count(*) AS n FROM command_role_requirements').first<{ n: number }>())!.n;
    const before = await count();
    const unknown = await slash(DEMO.users.ada, 'config', [
      str('action', 'set'),
      str('command', 'nope'),
      role('role', DEMO.roles.member),
    ]);
    expect(unknown.body.data.embeds[0].description).toContain('no command called `nope`');
    const owner = await slash(DEMO.users.ada, 'config', [
      str('action', 'set'),
      str('command', 'sync'),
      role('role', DEMO.roles.member),
    ]);
    expect(owner.body.data.embeds[0].description).toContain('bot owners only');
    const everyone = await slash(DEMO.users.ada, 'config', [
      str('action', 'set'),
      str('command', 'stats'),
      role('role', DEMO.roles.everyone),
    ]);
    expect(everyone.body.data.embeds[0].title).toContain('Not a restriction');
    expect(await count()).toBe(before);
  });

  it('is refused to members without Administrator', async () => {
    const res = await slash(DEMO.users.mia, 'config', [str('action', 'list')]);
    expect(res.body.data.embeds[0].title).toContain('Missing permissions');
  });

  it('autocompletes command names', async () => {
    const res = await interact({
      type: 4,
      user_id: DEMO.users.ada,
      ...where,
      data: {
        name: 'config',
        options: [str('action', 'set'), { name: 'command', type: 3, value: 'stat', focused: true }],
      },
    });
    expect(res.body.type).toBe(8);
    expect((res.body.data as any).choices.map((c: any) => c.value)).toEqual(['stats']);
  });
});
