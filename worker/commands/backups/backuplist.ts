import { contentsLine } from '../../backups/backup-messages';
import type { BackupRow } from '../../backups/backup-store';
import { formatBytes, storageBar } from '../../backups/format';
import { defineCommand, defineComponent } from '../../framework/command';
import type { Invoker } from '../../framework/context';
import { colours } from '../../framework/embeds';
import { pagerRow } from '../../framework/pager';
import type { ReplyMessage } from '../../framework/reply';
import { reply } from '../../framework/reply';
import { backupAccess, backupStore, shortDate } from './shared';

const PAGE_SIZE = 5;

export const backupListPage = defineComponent({
  pattern: 'backup.list/:page',
  async run(ctx, { page }) {
    const rows = await backupStore(ctx).list(ctx.guildId as string);
    return reply.update(listView(rows, Number(page) || 1, ctx, ctx.config.backups.maxPerGuild));
  },
});

export function listView(rows: BackupRow[], requested: number, invoker: Invoker, max: number): ReplyMessage {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, requested), pages);
  const counted = rows.filter((r) => r.kind === 'manual' || r.kind === 'import').length;
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const message: ReplyMessage = {
    embeds: [
      {
        title: '💾 Backups',
        color: colours.info,
        description: rows.length
          ? `\`${storageBar(counted, max)}\` ${counted}/${max} · ${rows.filter((r) => r.pinned).length} pinned · ${formatBytes(rows.reduce((n, r) => n + r.storedSize, 0))} stored · page ${page}/${pages}`
          : 'No backups yet. Create one with `/backupcreate`.',
        fields: shown.map((r) => ({
          name: `${r.pinned ? '📌 ' : ''}${r.kind === 'auto' ? '🔁 ' : ''}\`${r.id}\` · ${r.label}`.slice(
            0,
            256,
          ),
          value: `${shortDate(r.createdAt)} by <@${r.authorId}> · ${formatBytes(r.storedSize)}\n${contentsLine(r)}`,
        })),
        footer: { text: '📌 pinned · 🔁 automatic' },
        timestamp: new Date().toISOString(),
      },
    ],
  };
  if (pages > 1) {
    message.components = [pagerRow(page, pages, (n) => backupListPage.id(invoker, { page: String(n) }))];
  }
  return message;
}

export const backuplist = defineCommand({
  ...backupAccess,
  name: 'backuplist',
  description: "List this server's backups",
  async run(ctx) {
    const rows = await backupStore(ctx).list(ctx.guildId as string);
    return reply.message(listView(rows, 1, ctx, ctx.config.backups.maxPerGuild));
  },
});
