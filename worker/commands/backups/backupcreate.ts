import { backupCooldownUntil } from '../../backups/backup-cooldown';
import { LOCK_TTL_MS } from '../../backups/backup-job';
import { progressEmbed } from '../../backups/backup-messages';
import { defaultLabel } from '../../backups/format';
import { acquireJobLock, releaseJobLock, runningJob } from '../../backups/job-lock';
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
    const guildId = ctx.guildId as string;
    const limits = ctx.config.backups;
    const running = await runningJob(ctx.env.DB, guildId);
    if (running) {
      return reply.message(
        errorMessage(
          'Backup already running',
          `A ${running.kind} backup started ${relativeTime(running.started_at)} is still running (${running.phase}).`,
        ),
      );
    }
    const notices = [];
    const until = await backupCooldownUntil(ctx.env.DB, guildId);
    if (until) {
      if (!ctx.isBotOwner) {
        return reply.message({
          embeds: [
            toneEmbed(
              'warning',
              'Cooldown',
              `This server can create its next backup ${relativeTime(until)}.`,
            ),
          ],
          ephemeral: true,
        });
      }
      notices.push(
        toneEmbed(
          'warning',
          'Cooldown bypassed (bot owner)',
          `Others must wait until ${relativeTime(until)}.`,
        ),
      );
    }
    const stored = await backupStore(ctx).count(guildId, ['manual', 'import']);
    if (stored >= limits.maxPerGuild) {
      return reply.message(
        errorMessage(
          'Storage full',
          `This server has ${stored}/${limits.maxPerGuild} backups. Delete one (\`/backupdelete\`) first; pinned backups must be unpinned before they can be deleted.`,
        ),
      );
    }
    const chosen = label?.trim() || defaultLabel('manual');
    const jobId = crypto.randomUUID();
    // Take the guild's job lock now, so a double submit or a second admin cannot queue a second backup.
    if (!(await acquireJobLock(ctx.env.DB, { guildId, jobId, kind: 'manual', ttlMs: LOCK_TTL_MS }))) {
      return reply.message(
        errorMessage('Backup already running', 'Another backup of this server was just started.'),
      );
    }
    try {
      await ctx.env.BACKUP_QUEUE.send({
        jobId,
        kind: 'manual',
        guildId,
        authorId: ctx.user.id,
        label: chosen,
        channel: { channelId: ctx.channelId },
        ...(ctx.interaction ? { reply: ctx.interaction } : {}),
      });
    } catch (error) {
      await releaseJobLock(ctx.env.DB, guildId, jobId);
      throw error;
    }
    return reply.message({ embeds: [progressEmbed(chosen, 'queued'), ...notices] });
  },
});
