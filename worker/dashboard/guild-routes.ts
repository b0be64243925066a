import { type APIGuild, type APIGuildChannel, type GuildChannelType, Routes } from 'discord-api-types/v10';
import { Hono } from 'hono';
import { z } from 'zod';
import { prefixSchema } from '../commands/settings/setprefix';
import { prefixChanged } from '../gateway/coordinator-client';
import { apiError, type DashboardEnv } from './context';
import { guildAccess, guildsFor, requireCsrf } from './middleware';
import { readJson } from './read-json';
import { settingsOf } from './settings-view';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id');

const settingsPatch = z
  .object({
    prefix: prefixSchema.nullable().optional(),
    mentionPrefix: z.boolean().nullable().optional(),
  })
  .strict();

const requirementBody = z.object({ command: z.string().min(1), roleId: snowflake }).strict();

/** Servers: the list, one server's roles and channels (for pickers), its settings and role requirements. */
export const guildRoutes = new Hono<DashboardEnv>()
  .get('/', async (c) => c.json(await guildsFor(c)))
  .get('/:guildId', guildAccess('view'), async (c) => {
    const g = c.get('guild');
    const rest = c.get('services').rest();
    const [guild, channels] = (await Promise.all([
      rest.get(Routes.guild(g.id), { query: new URLSearchParams({ with_counts: 'true' }) }),
      rest.get(Routes.guildChannels(g.id)),
    ])) as [APIGuild, APIGuildChannel<GuildChannelType>[]];
    const canExport =
      c.get('isBotOwner') || (g.access === 'admin' && c.get('config').backups.exportAllowAdmins);
    return c.json({
      ...g,
      canExport,
      memberCount: guild.approximate_member_count ?? null,
      roles: guild.roles
        .filter((r) => r.id !== g.id && !r.managed)
        .sort((a, b) => b.position - a.position)
        .map((r) => ({ id: r.id, name: r.name, color: r.color, position: r.position })),
      channels: channels
        .sort(
          (a, b) =>
            ((a as { position?: number }).position ?? 0) - ((b as { position?: number }).position ?? 0),
        )
        .map((ch) => ({ id: ch.id, name: ch.name, type: ch.type, parentId: ch.parent_id ?? null })),
    });
  })
  .get('/:guildId/settings', guildAccess('view'), async (c) => c.json(await settingsOf(c, c.get('guild').id)))
  .patch('/:guildId/settings', requireCsrf, guildAccess('settings'), async (c) => {
    const parsed = await readJson(c, settingsPatch);
    if (!parsed.ok) return parsed.response;
    const guildId = c.get('guild').id;
    const services = c.get('services');
    const actor = c.get('session').userId;
    const { prefix, mentionPrefix } = parsed.value;
    if (prefix !== undefined) await services.settings.setPrefix(guildId, prefix, actor);
    if (mentionPrefix !== undefined) await services.settings.setMentionPrefix(guildId, mentionPrefix, actor);
    if (prefix !== undefined || mentionPrefix !== undefined) prefixChanged(services, guildId);
    return c.json(await settingsOf(c, guildId));
  })
  .put('/:guildId/role-requirements', requireCsrf, guildAccess('settings'), async (c) => {
    const parsed = await readJson(c, requirementBody);
    if (!parsed.ok) return parsed.response;
    const { command, roleId } = parsed.value;
    const services = c.get('services');
    const guildId = c.get('guild').id;
    if (!services.registry.find(command)) {
      const group = services.registry.group(command);
      const problem = group
        ? `has subcommands, each with its own roles: ${group.map((sub) => sub.name).join(', ')}`
        : 'no such command';
      return apiError(c, 400, 'Check the highlighted fields.', { fields: { command: problem } });
    }
    const roles = ((await services.rest().get(Routes.guildRoles(guildId))) as { id: string }[]).map(
      (r) => r.id,
    );
    if (!roles.includes(roleId) || roleId === guildId)
      return apiError(c, 400, 'Check the highlighted fields.', {
        fields: { roleId: 'no such role in this server' },
      });
    await services.settings.addRoleRequirement(
      guildId,
      services.registry.find(command)?.name ?? command,
      roleId,
      c.get('session').userId,
    );
    return c.json(await settingsOf(c, guildId));
  })
  .delete('/:guildId/role-requirements', requireCsrf, guildAccess('settings'), async (c) => {
    const command = c.req.query('command') ?? '';
    const roleId = c.req.query('roleId') ?? null;
    if (!command) return apiError(c, 400, 'Which command?', { fields: { command: 'required' } });
    const guildId = c.get('guild').id;
    await c
      .get('services')
      .settings.removeRoleRequirements(guildId, command, roleId, c.get('session').userId);
    return c.json(await settingsOf(c, guildId));
  });
