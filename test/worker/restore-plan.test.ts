import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { runBackupJob } from '../../worker/backups/backup-job';
import { BackupStore } from '../../worker/backups/backup-store';
import { diffStructure } from '../../worker/backups/diff';
import type { Snapshot } from '../../worker/backups/snapshot-schema';
import { database } from '../../worker/db/client';
import { maxBitrate } from '../../worker/restore/limits';
import { planRestore } from '../../worker/restore/plan';
import { type LiveGuild, type PlanOptions, RESTORE_COMPONENTS } from '../../worker/restore/plan-types';
import { resetEmulator } from './harness';

let snapshot: Snapshot;
const ALL = new Set(RESTORE_COMPONENTS);
const opts = (mode: PlanOptions['mode'], extra: Partial<PlanOptions> = {}): PlanOptions => ({
  mode,
  components: ALL,
  roleSync: false,
  ...extra,
});

/** The live guild exactly as the backup saw it; tests then damage it. */
function liveFrom(s: Snapshot): LiveGuild {
  const clone = structuredClone(s);
  return {
    structure: {
      guild: clone.guild,
      roles: clone.roles,
      channels: clone.channels,
      emojis: clone.emojis,
      stickers: clone.stickers,
    },
    members: new Map(clone.members.items.map((m) => [m.userId, m.roles])),
    bans: new Set(clone.bans.items.map((b) => b.userId)),
    bot: { userId: DEMO.botUserId, roleIds: [DEMO.roles.bot], permissions: 8n },
  };
}
const keys = (plan: ReturnType<typeof planRestore>) => plan.operations.map((o) => o.key);

beforeAll(async () => {
  await resetEmulator();
  const row = await runBackupJob(env, {
    jobId: crypto.randomUUID(),
    kind: 'manual',
    guildId: DEMO.guildId,
    authorId: DEMO.users.alan,
    label: 'plan',
  });
  const loaded = await new BackupStore(database(env.DB), env.BACKUPS).load(row);
  snapshot = loaded.snapshot as Snapshot;
  // The bot's role sits at the top, as a backup bot's should.
  const bot = snapshot.roles.find((r) => r.id === DEMO.roles.bot)!;
  bot.position = 100;
});

describe('restore plan', () => {
  it('plans nothing for a server identical to its backup, in every mode', () => {
    for (const mode of ['add', 'sync', 'mirror'] as const) {
      const plan = planRestore(
        snapshot,
        liveFrom(snapshot),
        opts(mode, { components: new Set(RESTORE_COMPONENTS.filter((c) => c !== 'bot')) }),
      );
      expect(plan.operations).toEqual([]);
      expect(plan.calls).toBe(0);
    }
  });

  it('repairs a nuked server by id: recreates, renames back, re-permissions, reorders', () => {
    const live = liveFrom(snapshot);
    live.structure.roles = live.structure.roles.filter((r) => r.id !== DEMO.roles.moderator);
    live.structure.channels = live.structure.channels.filter((c) => c.id !== DEMO.channels.admins);
    live.structure.channels.find((c) => c.id === DEMO.channels.general)!.name = 'pwned';
    live.structure.roles.find((r) => r.id === DEMO.guildId)!.permissions = '8';
    const sync = planRestore(snapshot, live, opts('sync'));
    expect(keys(sync)).toEqual(
      expect.arrayContaining([
        `role.create:${DEMO.roles.moderator}`,
        `role.update:${DEMO.guildId}`,
        'role.positions',
        `channel.create:${DEMO.channels.admins}`,
        `channel.update:${DEMO.channels.general}`,
      ]),
    );
    const general = sync.operations.find((o) => o.key === `channel.update:${DEMO.channels.general}`);
    expect(general).toMatchObject({ body: { name: 'general' } });
    const admins = sync.operations.find((o) => o.key === `channel.create:${DEMO.channels.admins}`);
    expect(admins?.type === 'channel.create' && admins.body.parent_id).toBe(DEMO.channels.textCategory);
    expect(admins?.type === 'channel.create' && admins.body.permission_overwrites.map((o) => o.id)).toContain(
      DEMO.guildId,
    );
    const members = sync.operations.filter((o) => o.type === 'member.roles');
    expect(members.every((o) => o.deps.includes(`role.create:${DEMO.roles.moderator}`))).toBe(true);
    expect(sync.problems.filter((p) => p.severity === 'blocker')).toEqual([]);

    const add = planRestore(snapshot, live, opts('add'));
    expect(keys(add)).not.toContain(`channel.update:${DEMO.channels.general}`);
    expect(keys(add)).not.toContain(`role.update:${DEMO.guildId}`);
    expect(keys(add)).toContain(`role.create:${DEMO.roles.moderator}`);
  });

  it('repairs in sync mode exactly what the diff (/backupdiff, the dashboard compare) reports', () => {
    const live = liveFrom(snapshot);
    // Deleting a role also removes its overwrites, as on Discord.
    live.structure.roles = live.structure.roles.filter((r) => r.id !== DEMO.roles.moderator);
    for (const c of live.structure.channels)
      c.overwrites = c.overwrites.filter((o) => o.id !== DEMO.roles.moderator);
    live.structure.channels = live.structure.channels.filter((c) => c.id !== DEMO.channels.admins);
    live.structure.channels.find((c) => c.id === DEMO.channels.general)!.name = 'pwned';
    live.structure.channels.find((c) => c.id === DEMO.channels.lounge)!.userLimit = 3;
    live.structure.roles.find((r) => r.id === DEMO.roles.member)!.permissions = '8';
    // Deleted in the server (the diff: removed) → created; changed → updated. By id, for roles and channels.
    const changes = diffStructure(snapshot, live.structure, { images: false }).filter(
      (c) => c.kind === 'role' || c.kind === 'channel',
    );
    const expected = changes
      .map((c) => `${c.kind}.${c.change === 'removed' ? 'create' : 'update'}:${c.id}`)
      .sort();
    const planned = keys(planRestore(snapshot, live, opts('sync')))
      .filter((k) => /^(role|channel)\.(create|update):/.test(k))
      .sort();
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(planned).toEqual(expected);
  });

  it('repairs every field the shared diff names, and only those, with the value the bot can set', () => {
    const live = liveFrom(snapshot);
    const lounge = live.structure.channels.find((c) => c.id === DEMO.channels.lounge)!;
    const backedUp = snapshot.channels.find((c) => c.id === DEMO.channels.lounge)!;
    lounge.videoQualityMode = backedUp.videoQualityMode === 2 ? 1 : 2;
    const diff = diffStructure(live.structure, snapshot, { images: false });
    expect(diff.find((c) => c.id === DEMO.channels.lounge)?.fields.map((f) => f.field)).toEqual([
      'videoQualityMode',
    ]);
    const update = planRestore(snapshot, live, opts('sync')).operations.find(
      (o) => o.key === `channel.update:${DEMO.channels.lounge}`,
    );
    expect(update && 'body' in update ? update.body : null).toEqual({
      video_quality_mode: backedUp.videoQualityMode,
    });
    // A difference the bot cannot repair (a bitrate above this server's boost level) is not planned again
    // and again: the diff names it, the planner writes nothing once the live value is the clamped one.
    const clamped = liveFrom(snapshot);
    const voice = snapshot.channels.find((c) => c.id === DEMO.channels.lounge)!;
    const tooHigh = structuredClone(snapshot);
    tooHigh.channels.find((c) => c.id === voice.id)!.bitrate = 384_000;
    clamped.structure.channels.find((c) => c.id === voice.id)!.bitrate = maxBitrate(
      snapshot.guild.premiumTier,
      snapshot.guild.features,
      false,
    );
    expect(diffStructure(clamped.structure, tooHigh, { images: false }).length).toBe(1);
    expect(keys(planRestore(tooHigh, clamped, opts('sync')))).not.toContain(`channel.update:${voice.id}`);
  });

  it('mirror deletes what the backup lacks, but never the rules or updates channel', () => {
    const live = liveFrom(snapshot);
    live.structure.roles.push({
      ...structuredClone(live.structure.roles.find((r) => r.id === DEMO.roles.member)!),
      id: '1399999999999999001',
      name: 'raider-role',
      position: 1,
    });
    live.structure.channels.push({
      ...structuredClone(live.structure.channels.find((c) => c.id === DEMO.channels.general)!),
      id: '1399999999999999002',
      name: 'spam',
    });
    const plan = planRestore(snapshot, live, opts('mirror'));
    expect(keys(plan).slice(-2).sort()).toEqual(
      ['channel.delete:1399999999999999002', 'role.delete:1399999999999999001'].sort(),
    );
    const rules = snapshot.guild.rulesChannelId as string;
    const noRules = liveFrom(snapshot);
    const plan2 = planRestore(
      { ...snapshot, channels: snapshot.channels.filter((c) => c.id !== rules) },
      noRules,
      opts('mirror'),
    );
    expect(keys(plan2)).not.toContain(`channel.delete:${rules}`);
    expect(plan2.problems.map((p) => p.code)).toContain('community-channel-kept');
  });

  it('restores into another guild: everything created, @everyone and channel ids remapped', () => {
    const target = liveFrom(snapshot);
    target.structure = {
      guild: {
        ...target.structure.guild,
        id: DEMO.otherGuildId,
        name: 'Other',
        features: [...snapshot.guild.features],
      },
      roles: [
        { ...structuredClone(snapshot.roles.find((r) => r.id === DEMO.guildId)!), id: DEMO.otherGuildId },
        { ...structuredClone(snapshot.roles.find((r) => r.id === DEMO.roles.bot)!) },
      ],
      channels: [],
      emojis: [],
      stickers: [],
    };
    target.members = new Map();
    target.bans = new Set();
    const plan = planRestore(snapshot, target, opts('sync'));
    const creates = plan.operations.filter((o) => o.type === 'channel.create');
    expect(creates).toHaveLength(snapshot.channels.length);
    for (const c of creates) {
      if (c.type !== 'channel.create') continue;
      const ids = c.body.permission_overwrites.map((o) => o.id);
      expect(ids).not.toContain(DEMO.guildId);
    }
    const guild = plan.operations.find((o) => o.type === 'guild.update');
    expect(guild?.type === 'guild.update' && guild.body.system_channel_id).toEqual({
      ref: `channel:${snapshot.guild.systemChannelId}`,
    });
    expect(guild?.deps).toContain(`channel.create:${snapshot.guild.systemChannelId}`);
    expect(plan.sameGuild).toBe(false);
  });

  it('re-uploads a role icon only when the live one is not the backed-up image', () => {
    const admin = snapshot.roles.find((r) => r.id === DEMO.roles.admin)!;
    expect(admin.icon?.discordHash).toBe(DEMO.images.adminRoleIcon);
    const hashes = (adminIcon: string | null) => ({
      icon: null,
      banner: null,
      splash: null,
      roles: {
        ...Object.fromEntries(snapshot.roles.map((r) => [r.id, r.icon?.discordHash ?? null])),
        [DEMO.roles.admin]: adminIcon,
      },
    });
    const same = { ...liveFrom(snapshot), imageHashes: hashes(DEMO.images.adminRoleIcon) };
    expect(
      keys(planRestore(snapshot, same, opts('sync', { components: new Set(['roles'] as const) }))),
    ).toEqual([]);

    const removed = { ...liveFrom(snapshot), imageHashes: hashes(null) };
    const plan = planRestore(snapshot, removed, opts('sync', { components: new Set(['roles'] as const) }));
    const update = plan.operations.find((o) => o.key === `role.update:${DEMO.roles.admin}`);
    expect(update?.type === 'role.update' && update.body).toEqual({ icon: { asset: admin.icon } });
    // Add-only mode never repairs an existing role.
    expect(
      keys(planRestore(snapshot, removed, opts('add', { components: new Set(['roles'] as const) }))),
    ).toEqual([]);

    // A server without Role Icons: the new role is created without one, and the preview says why.
    const noFeature = liveFrom(snapshot);
    noFeature.structure.guild = { ...noFeature.structure.guild, features: [] };
    noFeature.structure.roles = noFeature.structure.roles.filter((r) => r.id !== DEMO.roles.admin);
    const without = planRestore(
      snapshot,
      noFeature,
      opts('sync', { components: new Set(['roles'] as const) }),
    );
    const create = without.operations.find((o) => o.key === `role.create:${DEMO.roles.admin}`);
    expect(create?.type === 'role.create' && 'icon' in create.body).toBe(false);
    expect(without.problems.map((p) => p.code)).toContain('role-icon-feature');
  });

  it('never opens a channel through an overwrite it cannot map', () => {
    const s = structuredClone(snapshot);
    const general = s.channels.find((c) => c.id === DEMO.channels.general)!;
    general.overwrites.push({ id: '1399999999999999999', type: 0, allow: '0', deny: '1024' });
    const live = liveFrom(snapshot);
    live.structure.channels = live.structure.channels.filter((c) => c.id !== DEMO.channels.general);
    const plan = planRestore(s, live, opts('sync', { components: new Set(['channels']) }));
    const create = plan.operations.find((o) => o.key === `channel.create:${DEMO.channels.general}`);
    const everyone =
      create?.type === 'channel.create'
        ? create.body.permission_overwrites.find((o) => o.id === DEMO.guildId)
        : undefined;
    expect(BigInt(everyone?.deny ?? '0') & 1024n).toBe(1024n);
    expect(plan.problems.map((p) => p.code)).toContain('overwrite-unmapped');
  });

  it('leaves roles above the bot alone and reports them', () => {
    const live = liveFrom(snapshot);
    live.structure.roles.find((r) => r.id === DEMO.roles.bot)!.position = 2;
    const admin = live.structure.roles.find((r) => r.id === DEMO.roles.admin)!;
    admin.position = 5;
    admin.name = 'renamed';
    const plan = planRestore(snapshot, live, opts('sync', { components: new Set(['roles']) }));
    expect(keys(plan)).not.toContain(`role.update:${DEMO.roles.admin}`);
    expect(plan.problems.map((p) => p.code)).toContain('role-above-bot');
  });

  it('blocks a plan past Discord’s 250 roles', () => {
    const s = structuredClone(snapshot);
    for (let i = 0; i < 260; i++)
      s.roles.push({
        ...structuredClone(s.roles[1]!),
        id: String(1398000000000000000n + BigInt(i)),
        managed: false,
        tags: null,
        name: `r${i}`,
      });
    const plan = planRestore(s, liveFrom(snapshot), opts('add', { components: new Set(['roles']) }));
    expect(plan.problems.filter((p) => p.severity === 'blocker').map((p) => p.code)).toEqual(
      expect.arrayContaining(['too-many-roles', 'role-quota']),
    );
  });

  it('member roles: adds missing roles, keeps unmanageable ones, Role Sync removes extras, skips members who left', () => {
    const live = liveFrom(snapshot);
    const [first, second] = snapshot.members.items.filter((m) => m.roles.includes(DEMO.roles.member));
    live.members!.set(first!.userId, [DEMO.roles.bot]);
    live.members!.delete(second!.userId);
    const add = planRestore(snapshot, live, opts('sync', { components: new Set(['members']) }));
    const op = add.operations.find((o) => o.key === `member.roles:${first!.userId}`);
    expect(op?.type === 'member.roles' && op.roles).toEqual(
      expect.arrayContaining([DEMO.roles.bot, ...first!.roles]),
    );
    expect(add.problems.map((p) => p.code)).toContain('members-left');
    const extra = liveFrom(snapshot);
    extra.members!.set(first!.userId, [...first!.roles, DEMO.roles.admin]);
    const sync = planRestore(
      snapshot,
      extra,
      opts('sync', { components: new Set(['members']), roleSync: true }),
    );
    const synced = sync.operations.find((o) => o.key === `member.roles:${first!.userId}`);
    expect(synced?.type === 'member.roles' && [...synced.roles].sort()).toEqual([...first!.roles].sort());
  });

  it('bans in bulk, 200 a call, and unbans only when mirroring bans', () => {
    const s = structuredClone(snapshot);
    s.bans.items = Array.from({ length: 450 }, (_, i) => ({
      userId: String(1397000000000000000n + BigInt(i)),
      reason: null,
    }));
    const live = liveFrom(snapshot);
    live.bans = new Set(['1396000000000000000']);
    const plan = planRestore(s, live, opts('sync', { components: new Set(['bans']) }));
    expect(plan.operations.map((o) => (o.type === 'bans.add' ? o.userIds.length : 0))).toEqual([
      200, 200, 50,
    ]);
    expect(plan.calls).toBe(3);
    const mirror = planRestore(s, live, opts('mirror', { components: new Set(['bans']) }));
    expect(keys(mirror)).toContain('ban.remove:1396000000000000000');
  });

  it('matches managed roles by their tags, so the bot’s own member needs nothing', () => {
    const target = liveFrom(snapshot);
    const botRole = target.structure.roles.find((r) => r.id === DEMO.roles.bot)!;
    botRole.id = '1391111111111111111';
    for (const [user, roles] of target.members!)
      target.members!.set(
        user,
        roles.map((r) => (r === DEMO.roles.bot ? botRole.id : r)),
      );
    target.bot.roleIds = [botRole.id];
    const plan = planRestore(snapshot, target, opts('sync'));
    expect(keys(plan)).not.toContain(`member.roles:${DEMO.botUserId}`);
    expect(keys(plan)).not.toContain(`role.create:${DEMO.roles.bot}`);
  });
});
