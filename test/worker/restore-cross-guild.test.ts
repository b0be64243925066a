import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { BackupStore } from '../../worker/backups/backup-store';
import { database } from '../../worker/db/client';
import { GuildSettingsStore } from '../../worker/settings/guild-settings';
import {
  type At,
  cleanRestoreState,
  demoBackup,
  discord,
  openPreview,
  pressRestore,
  waitForMessageTitle,
} from './restore-helpers';

describe('restoring into another server', () => {
  beforeEach(async () => {
    await cleanRestoreState();
    await env.DB.batch(
      ['guild_settings', 'command_role_requirements'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
    );
  });

  it('rebuilds the demo server in Other Guild with every id remapped, then a repeat writes nothing', async () => {
    const settings = new GuildSettingsStore(database(env.DB), {
      defaultPrefix: '!',
      allowMentionPrefix: true,
    });
    await settings.setPrefix(DEMO.guildId, '?', DEMO.users.ada);
    await settings.addRoleRequirement(DEMO.guildId, 'backupcreate', DEMO.roles.moderator, DEMO.users.ada);
    // A rule under a name that is a subcommand now, as snapshots taken before the rename hold it.
    await settings.addRoleRequirement(DEMO.guildId, 'rr_add', DEMO.roles.moderator, DEMO.users.ada);
    const source = await demoBackup('to copy');
    // The admin of Other Guild brings the backup over as an export file would (same snapshot, stored there).
    const backups = new BackupStore(database(env.DB), env.BACKUPS);
    const { snapshot } = await backups.load((await backups.get(DEMO.guildId, source.id))!);
    const copy = await backups.save(snapshot!, {
      guildId: DEMO.otherGuildId,
      label: 'Import of Edgeward Demo',
      authorId: DEMO.users.max,
      kind: 'import',
      jobId: crypto.randomUUID(),
    });
    const inOther: At = {
      user_id: DEMO.users.max,
      guild_id: DEMO.otherGuildId,
      channel_id: DEMO.channels.otherGeneral,
    };

    const preview = await openPreview(copy.id, 'add', inOther);
    expect(preview.embeds[0]!.fields?.find((f) => f.name === 'Would do')?.value).toContain('role.create × 3');
    await pressRestore(preview, inOther);
    const title = await waitForMessageTitle(
      preview.id,
      /Restore finished/,
      60_000,
      DEMO.channels.otherGeneral,
    );
    expect(title).toBe('✅ Restore finished');

    const roles = (await discord('GET', `/guilds/${DEMO.otherGuildId}/roles`)) as any[];
    const byName = (name: string) => roles.find((r) => r.name === name);
    for (const name of ['Admin', 'Moderator', 'Member']) {
      expect(byName(name)).toBeDefined();
      expect(byName(name).id.startsWith('13000000000000001')).toBe(false);
    }
    // The source's @everyone permissions land on the target's @everyone; the bot keeps its own managed role.
    const sourceEveryone = snapshot!.roles.find((r) => r.id === DEMO.guildId)!;
    expect(roles.find((r) => r.id === DEMO.otherGuildId).permissions).toBe(sourceEveryone.permissions);
    expect(roles.filter((r) => r.name === 'Edgeward').map((r) => r.id)).toEqual([DEMO.roles.otherBot]);
    // Order below the bot follows the backup: Member < Moderator < Admin.
    expect(byName('Member').position).toBeLessThan(byName('Moderator').position);
    expect(byName('Moderator').position).toBeLessThan(byName('Admin').position);

    const channels = (await discord('GET', `/guilds/${DEMO.otherGuildId}/channels`)) as any[];
    const channel = (name: string) => channels.find((c) => c.name === name);
    const admins = channel('admins');
    expect(admins.parent_id).toBe(channel('Text Channels').id);
    // Overwrites point at the target's ids: @everyone is the target guild, Admin the new Admin role.
    expect(admins.permission_overwrites).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: DEMO.otherGuildId, deny: '1024' }),
        expect.objectContaining({ id: byName('Admin').id, allow: '1024' }),
      ]),
    );
    // The no-bot overwrite was on the source's bot role: it follows the bot's role here.
    expect(channel('no-bot').permission_overwrites.map((o: any) => o.id)).toEqual([DEMO.roles.otherBot]);
    expect(channel('help-forum').parent_id).toBe(channel('Text Channels').id);
    // Other Guild is not a Community server: the preview said so, and no rules channel was set.
    expect(snapshot!.guild.features).toContain('COMMUNITY');
    expect(preview.embeds[0]!.fields?.find((f) => f.name.startsWith('Problems'))?.value).toContain(
      'was a Community server',
    );
    const guild = (await discord('GET', `/guilds/${DEMO.otherGuildId}`)) as any;
    expect(guild.rules_channel_id).toBeNull();
    expect(channel('rules')).toBeDefined();

    // Bot settings follow, with the role requirement remapped to the new Moderator role.
    expect((await settings.prefixes(DEMO.otherGuildId)).prefix).toBe('?');
    expect(await settings.roleRequirements(DEMO.otherGuildId)).toEqual(
      expect.arrayContaining([
        { command: 'backupcreate', roleId: byName('Moderator').id },
        { command: 'reactionroles add', roleId: byName('Moderator').id },
      ]),
    );
    expect(await settings.roleRequirements(DEMO.otherGuildId)).toHaveLength(2);
    const mapped = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM restore_id_map WHERE source_guild_id = ? AND target_guild_id = ?',
    )
      .bind(DEMO.guildId, DEMO.otherGuildId)
      .first<{ n: number }>();
    expect(mapped!.n).toBeGreaterThan(10);

    // The persisted id map makes the same restore, now in sync mode, a no-op.
    const again = await openPreview(copy.id, 'sync', inOther);
    expect(again.embeds[0]!.description).toContain('Nothing to do');
  });
});
