import { ComponentType } from 'discord-api-types/v10';
import { defineCommand, defineComponent } from '../../../framework/command';
import type { Invoker, Services } from '../../../framework/context';
import { errorMessage, toneEmbed } from '../../../framework/embeds';
import { reply } from '../../../framework/reply';
import { deleteConfirmation } from '../backupdelete';
import { listView } from '../backuplist';
import { backupAccess, backupStore, findBackup } from '../shared';
import { analyticsEmbed } from './analytics';
import { auditEmbed } from './audit';
import { compareEmbed } from './compare';
import { overviewEmbed } from './overview';
import { type DashboardIds, frame, pageOf, TABS, type Tab } from './tabs';

const TTL_SECONDS = 300;

async function render(services: Services, invoker: Invoker, tab: Tab, page: number) {
  const guildId = invoker.guildId as string;
  const rows = await backupStore(services).list(guildId);
  switch (tab) {
    case 'overview':
      return frame(ids, invoker, tab, await overviewEmbed(services, guildId, rows), null);
    case 'backups': {
      const view = listView(rows, page, invoker, services.config.backups.maxPerGuild);
      return frame(ids, invoker, tab, view.embeds?.[0] ?? {}, {
        page,
        pages: Math.max(1, Math.ceil(rows.length / 5)),
      });
    }
    case 'compare': {
      const { embed, pages } = await compareEmbed(services, guildId, rows, page);
      return frame(ids, invoker, tab, embed, { page, pages });
    }
    case 'audit': {
      const { embed, pages } = await auditEmbed(services, guildId, page);
      return frame(ids, invoker, tab, embed, { page, pages });
    }
    case 'analytics':
      return frame(ids, invoker, tab, analyticsEmbed(rows), null);
  }
}

const deleteSelect = defineComponent({
  pattern: 'bk.delsel',
  ttlSeconds: TTL_SECONDS,
  async run(ctx) {
    const found = await findBackup(ctx, ctx.guildId as string, ctx.values[0] ?? '');
    if ('missing' in found) return found.missing;
    return reply.update(deleteConfirmation(ctx, found.row));
  },
});

const ids: DashboardIds = {
  tab: defineComponent({
    pattern: 'bk.tab/:tab/:page',
    ttlSeconds: TTL_SECONDS,
    async run(ctx, { tab, page }) {
      const chosen = (TABS as readonly string[]).includes(tab) ? (tab as Tab) : 'overview';
      // Compare reads a whole snapshot and the live server: acknowledge first, then edit the message.
      if (chosen === 'compare')
        return reply.defer(() => render(ctx, ctx, chosen, pageOf(page)), { update: true });
      return reply.update(await render(ctx, ctx, chosen, pageOf(page)));
    },
  }),
  deletePick: defineComponent({
    pattern: 'bk.delpick',
    ttlSeconds: TTL_SECONDS,
    async run(ctx) {
      const rows = (await backupStore(ctx).list(ctx.guildId as string)).filter((r) => !r.pinned).slice(0, 25);
      if (rows.length === 0)
        return reply.message(errorMessage('Nothing to delete', 'There are no unpinned backups.'));
      return reply.message({
        ephemeral: true,
        embeds: [
          toneEmbed('info', 'Delete a backup', 'Pick the backup to delete (pinned backups are not listed).'),
        ],
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.StringSelect,
                custom_id: deleteSelect.id(ctx, {}),
                placeholder: 'Choose a backup…',
                options: rows.map((r) => ({
                  label: `${r.id} · ${r.label}`.slice(0, 100),
                  value: r.id,
                  description: new Date(r.createdAt).toISOString().slice(0, 16).replace('T', ' '),
                })),
              },
            ],
          },
        ],
      });
    },
  }),
};

export const dashboardComponents = [ids.tab, ids.deletePick, deleteSelect];

export const backup = defineCommand({
  ...backupAccess,
  name: 'backup',
  description: 'The backup dashboard: overview, backups, compare with the server, audit, analytics',
  async run(ctx) {
    return reply.message(await render(ctx, ctx, 'overview', 1));
  },
});
