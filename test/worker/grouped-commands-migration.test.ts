import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { RENAMED_COMMANDS } from '../../worker/framework/renamed-commands';

const migration = env.TEST_MIGRATIONS.find((m) => m.name === '0007_grouped_commands.sql');

const rules = async () =>
  (
    await env.DB.prepare(
      'SELECT command, role_id FROM command_role_requirements WHERE guild_id = ? ORDER BY command, role_id',
    )
      .bind(DEMO.guildId)
      .all<{ command: string; role_id: string }>()
  ).results.map((r) => `${r.command} → ${r.role_id}`);

const insert = (command: string, roleId: string) =>
  env.DB.prepare(
    'INSERT INTO command_role_requirements (guild_id, command, role_id, created_by, created_at) VALUES (?, ?, ?, ?, 1)',
  ).bind(DEMO.guildId, command, roleId, DEMO.users.ada);

describe('migration 0007: role rules follow commands that became subcommands', () => {
  beforeEach(() => env.DB.prepare('DELETE FROM command_role_requirements').run());

  it('renames every command of the map, and nothing else', () => {
    const sql = migration?.queries.join('\n') ?? '';
    const pairs = [...sql.matchAll(/SELECT guild_id, '([^']+)', .* WHERE command = '([^']+)'/g)].map(
      ([, now, old]) => `${old} → ${now}`,
    );
    expect(pairs.sort()).toEqual(
      Object.entries(RENAMED_COMMANDS)
        .flatMap(([old, names]) => names.map((now) => `${old} → ${now}`))
        .sort(),
    );
  });

  it('moves stored rules to the new names, keeps a rule that exists already, and leaves others alone', async () => {
    await env.DB.batch([
      insert('filter_add', DEMO.roles.moderator),
      insert('extensions', DEMO.roles.member),
      insert('filter add', DEMO.roles.moderator),
      insert('stats', DEMO.roles.member),
    ]);
    await env.DB.batch((migration?.queries ?? []).map((q) => env.DB.prepare(q)));
    expect(await rules()).toEqual([
      `extensions browse → ${DEMO.roles.member}`,
      `extensions disable → ${DEMO.roles.member}`,
      `extensions enable → ${DEMO.roles.member}`,
      `extensions info → ${DEMO.roles.member}`,
      `extensions search → ${DEMO.roles.member}`,
      `filter add → ${DEMO.roles.moderator}`,
      `stats → ${DEMO.roles.member}`,
    ]);
  });
});
