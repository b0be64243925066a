import { countsOf } from '../../backups/backup-store';
import { formatBytes } from '../../backups/format';
import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { autocompleteBackups, backupAccess, backupIdOption, findBackup, shortDate } from './shared';

export const backupview = defineCommand({
  ...backupAccess,
  name: 'backupview',
  description: 'Show one backup: what it holds, when, by whom, its checksum',
  options: { id: backupIdOption },
  autocomplete: autocompleteBackups,
  async run(ctx, { id }) {
    const found = await findBackup(ctx, ctx.guildId as string, id);
    if ('missing' in found) return found.missing;
    const r = found.row;
    const c = countsOf(r);
    return reply.message({
      embeds: [
        {
          title: `📋 Backup \`${r.id}\`${r.pinned ? ' 📌' : ''}${r.kind === 'auto' ? ' 🔁' : ''}`,
          color: colours.info,
          description: `**${r.label}**`,
          fields: [
            {
              name: 'Created',
              value: `<t:${Math.floor(r.createdAt / 1000)}:f> (${shortDate(r.createdAt)})`,
              inline: true,
            },
            { name: 'By', value: `<@${r.authorId}> (${r.kind})`, inline: true },
            { name: 'Server', value: r.guildName, inline: true },
            {
              name: 'Size',
              value: `${formatBytes(r.rawSize)} · ${formatBytes(r.storedSize)} stored`,
              inline: true,
            },
            { name: 'Format', value: `snapshot v${r.schemaVersion}`, inline: true },
            { name: 'SHA-256', value: `\`${r.checksum}\`` },
            {
              name: 'Contents',
              value: [
                `Roles: ${c.roles} · Categories: ${c.categories} · Channels: ${c.channels} (text ${c.text}, voice ${c.voice}, forum ${c.forum}, stage ${c.stage})`,
                `Emojis: ${c.emojis} · Stickers: ${c.stickers} · Members: ${c.members} (${r.memberRoleCount} role assignments) · Bans: ${c.bans}`,
              ].join('\n'),
            },
            ...(r.note ? [{ name: '📝 Note', value: r.note }] : []),
            {
              name: 'Actions',
              value: `\`/backuppin id:${r.id}\` · \`/backupnote id:${r.id}\` · \`/backupverify id:${r.id}\` · \`/backupdelete id:${r.id}\``,
            },
          ],
          timestamp: new Date().toISOString(),
        },
      ],
    });
  },
});
