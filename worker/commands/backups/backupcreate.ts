import { progressEmbed } from '../../backups/backup-messages';
import { requestManualBackup } from '../../backups/request-backup';
import { defineCommand } from '../../framework/command';
import { errorMessage, relativeTime, toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { backupAccess, backupStore } from './shared';

export const backupcreate = defineCommand({
  ...backupAccess,
  name: 'backupcreate',
  description: 'Back up this server now: settings, roles, channels, emojis, stickers, members, bans',
  help: 'The backup runs in the background; this message shows its progress and ends with the id and checksum.',
  mutates: true,
  options: {
    label: option.string('A label for the backup (up to 100 characters)', { maxLength: 100, rest: true }),
  },
  async run(ctx, { label }) {
    const result = await requestManualBackup(
      { env: ctx.env, config: ctx.config, store: backupStore(ctx) },
      {
        guildId: ctx.guildId as string,
        actorId: ctx.user.id,
        isBotOwner: ctx.isBotOwner,
        label,
        notify: {
          channel: { channelId: ctx.channelId },
          ...(ctx.interaction ? { reply: ctx.interaction } : {}),
        },
      },
    );
    if (!result.ok) {
      switch (result.reason) {
        case 'running':
          return reply.message(
            errorMessage(
              'Backup already running',
              `A ${result.kind} backup started ${relativeTime(result.startedAt)} is still running (${result.phase}).`,
            ),
          );
        case 'cooldown':
          return reply.message({
            embeds: [
              toneEmbed(
                'warning',
                'Cooldown',
                `This server can create its next backup ${relativeTime(result.until)}.`,
              ),
            ],
            ephemeral: true,
          });
        case 'full':
          return reply.message(
            errorMessage(
              'Storage full',
              `This server has ${result.stored}/${result.max} backups. Delete one (\`/backupdelete\`) first; pinned backups must be unpinned before they can be deleted.`,
            ),
          );
        case 'locked':
          return reply.message(
            errorMessage('Backup already running', 'Another backup of this server was just started.'),
          );
      }
    }
    const notices = result.cooldownBypassedUntil
      ? [
          toneEmbed(
            'warning',
            'Cooldown bypassed (bot owner)',
            `Others must wait until ${relativeTime(result.cooldownBypassedUntil)}.`,
          ),
        ]
      : [];
    return reply.message({ embeds: [progressEmbed(result.label, 'queued'), ...notices] });
  },
});
