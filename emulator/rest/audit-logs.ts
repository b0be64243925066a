import { PermissionFlagsBits } from 'discord-api-types/v10';
import { type AuditEntry, auditEntries } from '../audit-log';
import { botStanding, requirePermission } from '../hierarchy';
import { json } from '../http';
import { userObject } from '../serialize';
import { compareIds } from '../state';
import { intParam, snowflakeParam } from './query';
import { type AddRoute, requireGuild } from './route';

/**
 * `GET /guilds/:id/audit-logs` (`developers/resources/audit-log.mdx`): needs View Audit Log. Filters `user_id`,
 * `action_type`; `limit` 1–100 (default 50). Without `after` (or with `before`): newest first, ids below `before`;
 * with `after` only: oldest first, ids above `after`. `users` holds the users the entries refer to.
 */
export function registerAuditLogRoutes(add: AddRoute): void {
  add('GET', '/guilds/:guildId/audit-logs', {
    auth: 'bot',
    major: 'guild',
    handler: ({ ctx, params, query }) => {
      const guild = requireGuild(ctx, params.guildId!);
      const limit = intParam(query, 'limit', { min: 1, max: 100, fallback: 50 });
      const actionType = query.has('action_type')
        ? intParam(query, 'action_type', { min: 0, max: 1000, fallback: 0 })
        : undefined;
      const userId = snowflakeParam(query, 'user_id');
      const before = snowflakeParam(query, 'before');
      const after = snowflakeParam(query, 'after');
      requirePermission(botStanding(ctx, guild), PermissionFlagsBits.ViewAuditLog);
      let list = auditEntries(guild).filter(
        (e) =>
          (actionType === undefined || e.action_type === actionType) &&
          (userId === undefined || e.user_id === userId),
      );
      let page: AuditEntry[];
      if (after !== undefined && before === undefined) {
        page = list.filter((e) => compareIds(e.id, after) > 0).slice(0, limit);
      } else {
        if (before !== undefined) list = list.filter((e) => compareIds(e.id, before) < 0);
        if (after !== undefined) list = list.filter((e) => compareIds(e.id, after) > 0);
        page = list.slice(-limit).reverse();
      }
      const userIds = new Set<string>();
      for (const e of page) {
        userIds.add(e.user_id);
        if (e.target_id && ctx.store.user(e.target_id)) userIds.add(e.target_id);
      }
      return json(200, {
        application_commands: [],
        audit_log_entries: structuredClone(page),
        auto_moderation_rules: [],
        guild_scheduled_events: [],
        integrations: [],
        threads: [],
        users: [...userIds].map((id) => userObject(ctx, id)).filter((u) => u !== undefined),
        webhooks: [],
      });
    },
  });
}
