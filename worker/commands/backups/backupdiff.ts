import { type BackupRow, BackupStore } from '../../backups/backup-store';
import { diffStructure, type ItemChange, summarise } from '../../backups/diff';
import { diffMemberRoles } from '../../backups/member-diff';
import { defineCommand, defineComponent } from '../../framework/command';
import type { Services } from '../../framework/context';
import { colours, errorMessage } from '../../framework/embeds';
import { pagerRow } from '../../framework/pager';
import { type ReplyMessage, reply } from '../../framework/reply';
import { autocompleteBackups, backupAccess, backupIdOption, findBackup } from './shared';

const PAGE_SIZE = 8;
const icon = { added: '🟢', removed: '🔴', changed: '🟡' } as const;

function line(c: ItemChange): { name: string; value: string } {
  const what =
    c.change === 'added'
      ? 'only in the second backup'
      : c.change === 'removed'
        ? 'only in the first backup'
        : '';
  return {
    name: `${icon[c.change]} ${c.kind}: ${c.name}`.slice(0, 256),
    value: (
      what ||
      c.fields
        .slice(0, 6)
        .map((f) => `• ${f.field}: ${f.before.slice(0, 60)} → ${f.after.slice(0, 90)}`)
        .join('\n') ||
      'changed'
    ).slice(0, 1024),
  };
}

async function render(
  services: Services,
  invoker: { user: { id: string } },
  a: BackupRow,
  b: BackupRow,
  page: number,
): Promise<ReplyMessage> {
  const store = new BackupStore(services.db, services.env.BACKUPS);
  const [first, second] = await Promise.all([store.load(a), store.load(b)]);
  if (!first.snapshot || !second.snapshot) {
    const bad = !first.snapshot ? a : b;
    return errorMessage(
      'Cannot read backup',
      `\`${bad.id}\` failed verification: run \`/backupverify id:${bad.id}\`.`,
    );
  }
  const changes = diffStructure(first.snapshot, second.snapshot);
  const members = diffMemberRoles(first.snapshot.members, second.snapshot.members);
  const s = summarise(changes);
  const pages = Math.max(1, Math.ceil(changes.length / PAGE_SIZE));
  const at = Math.min(Math.max(1, page), pages);
  const kinds = (['setting', 'role', 'channel', 'emoji', 'sticker'] as const)
    .map((k) => [k, changes.filter((c) => c.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}s ${n}`)
    .join(' · ');
  const message: ReplyMessage = {
    embeds: [
      {
        title: `🔀 \`${a.id}\` → \`${b.id}\``,
        color: s.total ? colours.warning : colours.success,
        description: [
          `**${s.changed}** changed · **${s.added}** added · **${s.removed}** removed${kinds ? ` (${kinds})` : ''}`,
          members.comparable
            ? `Members: ${members.changes.length} with changed roles · ${members.joined} only in the second · ${members.left} only in the first`
            : 'Members: not comparable (one backup has no member roles).',
          pages > 1 ? `Page ${at}/${pages}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
        fields: s.total
          ? changes.slice((at - 1) * PAGE_SIZE, at * PAGE_SIZE).map(line)
          : [
              {
                name: 'No structural changes',
                value: 'Settings, roles, channels, emojis and stickers are identical.',
              },
            ],
        timestamp: new Date().toISOString(),
      },
    ],
  };
  if (pages > 1) {
    message.components = [
      pagerRow(at, pages, (n) => diffPage.id(invoker, { a: a.id, b: b.id, page: String(n) }), {
        previous: '◀',
        next: '▶',
      }),
    ];
  }
  return message;
}

export const diffPage = defineComponent({
  pattern: 'bk.diff/:a/:b/:page',
  async run(ctx, { a, b, page }) {
    const [ra, rb] = await Promise.all([
      findBackup(ctx, ctx.guildId as string, a),
      findBackup(ctx, ctx.guildId as string, b),
    ]);
    if ('missing' in ra) return ra.missing;
    if ('missing' in rb) return rb.missing;
    return reply.defer(() => render(ctx, ctx, ra.row, rb.row, Number(page) || 1), { update: true });
  },
});

export const backupdiff = defineCommand({
  ...backupAccess,
  name: 'backupdiff',
  description: 'Compare two backups by id, field by field',
  options: {
    a: { ...backupIdOption, description: 'The earlier backup' },
    b: { ...backupIdOption, description: 'The later backup' },
  },
  autocomplete: autocompleteBackups,
  async run(ctx, { a, b }) {
    const guildId = ctx.guildId as string;
    if (a.trim() === b.trim())
      return reply.message(errorMessage('Same backup', 'Pick two different backups.'));
    const [ra, rb] = await Promise.all([findBackup(ctx, guildId, a), findBackup(ctx, guildId, b)]);
    if ('missing' in ra) return ra.missing;
    if ('missing' in rb) return rb.missing;
    return reply.defer(async () => render(ctx, ctx, ra.row, rb.row, 1));
  },
});
