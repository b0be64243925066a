import { describe, expect, it } from 'vitest';
import { readDirectory } from '../../../cli/directory';
import {
  findChannel,
  findCommand,
  findRole,
  findUser,
  memberRoleNames,
  visibleCommands,
} from '../../../cli/lookup';
import { directory, IDS } from './fixtures';

describe('reading the emulator state', () => {
  it('finds users, guilds, roles, channels, members and commands in the emulator shape', () => {
    const dir = directory();
    expect(dir.applicationId).toBe(IDS.app);
    expect(dir.botUserId).toBe(IDS.app);
    expect(dir.users.map((u) => u.username)).toEqual(['Edgeward', 'olive', 'ada', 'alan', 'max']);
    expect(dir.guilds.map((g) => g.name)).toEqual(['Edgeward Demo', 'Other Guild']);
    expect(dir.roles.find((r) => r.id === IDS.admin)).toMatchObject({ name: 'Admin', guild_id: IDS.guild });
    expect(dir.channels.find((c) => c.id === IDS.general)).toMatchObject({
      name: 'general',
      type: 0,
      guild_id: IDS.guild,
    });
    expect(dir.members.filter((m) => m.guild_id === IDS.guild)).toHaveLength(4);
    expect(dir.commands.map((c) => c.name)).toEqual(['help', 'setprefix', 'config', 'roll']);
    expect(memberRoleNames(dir, IDS.guild, IDS.alan)).toEqual(['Admin', 'Member']);
  });

  it('also reads maps keyed by id and guild-keyed commands', () => {
    const dir = readDirectory({
      users: { '1111111': { id: '1111111', username: 'zed' } },
      guilds: { '2222222': { id: '2222222', name: 'G', members: { '1111111': { roles: ['3333333'] } } } },
      roles: { '2222222': [{ id: '3333333', name: 'Staff' }] },
      commands: { global: [], guilds: { '2222222': [{ name: 'local', description: 'x', type: 1 }] } },
    });
    expect(dir.members).toEqual([
      { guild_id: '2222222', user_id: '1111111', nick: null, roles: ['3333333'] },
    ]);
    expect(dir.roles).toEqual([{ id: '3333333', name: 'Staff', guild_id: '2222222', managed: false }]);
    expect(findCommand(dir, 'local', '2222222')?.guild_id).toBe('2222222');
    expect(findCommand(dir, 'local', undefined)).toBeUndefined();
    expect(visibleCommands(dir, '2222222').map((c) => c.name)).toEqual(['local']);
  });
});

describe('lookups', () => {
  const dir = directory();
  it('resolves users by name, global name, nickname, mention and id', () => {
    expect(findUser(dir, 'ada')?.id).toBe(IDS.ada);
    expect(findUser(dir, '@Alan')?.id).toBe(IDS.alan);
    expect(findUser(dir, 'Maxi', IDS.guild)?.id).toBe(IDS.max);
    expect(findUser(dir, `<@!${IDS.max}>`)?.id).toBe(IDS.max);
    expect(findUser(dir, IDS.olive)?.username).toBe('olive');
    expect(findUser(dir, 'al')?.id).toBe(IDS.alan);
    expect(findUser(dir, 'a')).toBeUndefined();
  });

  it('resolves channels within the guild first and roles by @&name', () => {
    expect(findChannel(dir, '#general', IDS.otherGuild)?.id).toBe(IDS.otherGeneral);
    expect(findChannel(dir, '#general', IDS.guild)?.id).toBe(IDS.general);
    expect(findChannel(dir, `<#${IDS.admins}>`)?.id).toBe(IDS.admins);
    expect(findRole(dir, '@&Admin', IDS.guild)?.id).toBe(IDS.admin);
    expect(findRole(dir, 'member', IDS.guild)?.id).toBe(IDS.member);
    expect(findRole(dir, '@everyone', IDS.guild)?.id).toBe(IDS.guild);
  });
});
