import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, computeChannelPermissions } from '../../../emulator/permissions';
import { loadDemoFixture, StateStore } from '../../../emulator/state';
import { DEMO } from './helpers';

const store = new StateStore(loadDemoFixture());
const guild = store.guild(DEMO.guildId)!;
const channel = (id: string) => store.channel(id)!;

describe('permission computation (documented algorithm)', () => {
  it('owner and Administrator get everything, even where @everyone is denied', () => {
    expect(computeChannelPermissions(guild, channel(DEMO.channels.admins), DEMO.users.ada)).toBe(
      ALL_PERMISSIONS,
    );
    expect(computeChannelPermissions(guild, channel(DEMO.channels.admins), DEMO.users.alan)).toBe(
      ALL_PERMISSIONS,
    );
  });

  it('@everyone deny, role allow, member overwrites applied in order', () => {
    const admins = structuredClone(channel(DEMO.channels.admins));
    expect(computeChannelPermissions(guild, admins, DEMO.users.max)! & P.ViewChannel).toBe(0n);
    admins.permission_overwrites!.push({
      id: DEMO.roles.member,
      type: 0,
      allow: String(P.ViewChannel),
      deny: '0',
    });
    expect(computeChannelPermissions(guild, admins, DEMO.users.max)! & P.ViewChannel).toBe(P.ViewChannel);
    admins.permission_overwrites!.push({
      id: DEMO.users.max,
      type: 1,
      allow: '0',
      deny: String(P.ViewChannel),
    });
    expect(computeChannelPermissions(guild, admins, DEMO.users.max)! & P.ViewChannel).toBe(0n);
  });

  it('the bot role is denied Send Messages in #no-bot only', () => {
    const bot = DEMO.botUserId;
    expect(computeChannelPermissions(guild, channel(DEMO.channels.noBot), bot)! & P.SendMessages).toBe(0n);
    expect(computeChannelPermissions(guild, channel(DEMO.channels.general), bot)! & P.SendMessages).toBe(
      P.SendMessages,
    );
    expect(computeChannelPermissions(guild, channel(DEMO.channels.general), bot)! & P.ManageRoles).toBe(
      P.ManageRoles,
    );
  });

  it('non-members have no permissions', () => {
    expect(computeChannelPermissions(guild, channel(DEMO.channels.general), '1')).toBeUndefined();
  });
});
