import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { migrationStatus } from '../migrations';

export const APPLY_COMMAND = 'npx wrangler d1 migrations apply DB --remote';

export const fwMigrations = defineCommand({
  name: 'fw_migrations',
  description: 'D1 migrations: applied and pending',
  category: 'Diagnostics',
  ownerOnly: true,
  async run(ctx) {
    const status = await migrationStatus(ctx.env.DB);
    const pending = status.pending.length;
    return reply.message({
      ephemeral: true,
      embeds: [
        {
          title: pending ? `⚠️ ${pending} migration(s) pending` : '✅ D1 migrations up to date',
          color: pending ? colours.warning : colours.success,
          description:
            status.problem ??
            (pending
              ? `Apply them with \`${APPLY_COMMAND}\`; until then the health tier is degraded.`
              : 'Every migration this version expects is applied.'),
          fields: [
            {
              name: `Applied (${status.applied.length})`,
              value:
                status.applied
                  .map((m) => `✅ \`${m.name}\`${m.appliedAt ? ` · ${m.appliedAt}` : ''}`)
                  .join('\n') || 'none',
            },
            {
              name: `Pending (${pending})`,
              value: status.pending.map((n) => `⏳ \`${n}\``).join('\n') || 'none',
            },
            ...(status.unknown.length
              ? [
                  {
                    name: `Applied, unknown to this version (${status.unknown.length})`,
                    value: `${status.unknown.map((n) => `❔ \`${n}\``).join('\n')}\nA newer version applied them, or they were made by hand.`,
                  },
                ]
              : []),
          ],
        },
      ],
    });
  },
});
