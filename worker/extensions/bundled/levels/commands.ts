import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord-api-types/v10';
import { ChannelType } from 'discord-api-types/v10';
import type { Database } from '../../../db/client';
import { defineCommand, defineComponent } from '../../../framework/command';
import type { Invoker } from '../../../framework/context';
import { colours, toneEmbed } from '../../../framework/embeds';
import { option } from '../../../framework/options';
import { pagerRow } from '../../../framework/pager';
import { type ReplyMessage, reply } from '../../../framework/reply';
import { ExtensionSettingsStore } from '../../settings-store';
import { missingToPost } from '../bot-standing';
import { LEADERBOARD_PAGE, leaderboardPage, rankOf } from './level-store';
import { levelSettings } from './settings';
import { bar, progress } from './xp-math';

export const LEVELS_EXTENSION = 'levels';
const store = (db: Database) => new ExtensionSettingsStore(db, LEVELS_EXTENSION, levelSettings);

export const rank = defineCommand({
  name: 'rank',
  description: 'Your level and XP in this server, or another member’s',
  category: 'Levels',
  guildOnly: true,
  cooldown: { rate: 1, per: 5, scope: 'user' },
  options: { user: option.user('Whose rank (default: yours)') },
  async run(ctx, { user }) {
    const userId = user?.id ?? ctx.user.id;
    const mine = await rankOf(ctx.db, ctx.guildId as string, userId);
    if (!mine)
      return reply.message({
        embeds: [
          toneEmbed(
            'info',
            'No XP yet',
            `<@${userId}> has not earned XP here yet: members earn it by chatting.`,
          ),
        ],
      });
    const p = progress(mine.xp);
    return reply.message({
      embeds: [
        {
          title: '🏅 Rank',
          color: colours.info,
          description: `<@${userId}>`,
          fields: [
            { name: 'Level', value: String(p.level), inline: true },
            { name: 'Rank', value: `#${mine.position}`, inline: true },
            { name: 'XP', value: String(mine.xp), inline: true },
            { name: `Next level: ${p.into}/${p.needed} XP`, value: bar(p.into, p.needed) },
          ],
        },
      ],
    });
  },
});

async function leaderboardView(
  db: Database,
  guildId: string,
  page: number,
  invoker: Pick<Invoker, 'user'>,
): Promise<ReplyMessage> {
  const { rows, total, pages } = await leaderboardPage(db, guildId, page);
  const medal = ['🥇', '🥈', '🥉'];
  const lines = rows.map((r, i) => {
    const place = (page - 1) * LEADERBOARD_PAGE + i + 1;
    return `${medal[place - 1] ?? `**${place}.**`} <@${r.userId}> · level ${progress(r.xp).level} · ${r.xp} XP`;
  });
  const components: APIActionRowComponent<APIComponentInMessageActionRow>[] =
    pages > 1 ? [pagerRow(page, pages, (n) => leaderboardPageButton.id(invoker, { page: String(n) }))] : [];
  return {
    embeds: [
      {
        title: '🏆 Leaderboard',
        color: colours.info,
        description: lines.join('\n') || 'Nobody has XP yet: members earn it by chatting.',
        footer: { text: `Page ${page}/${pages} · ${total} member${total === 1 ? '' : 's'} ranked` },
      },
    ],
    components,
  };
}

/** Previous / Next: only the member who opened the leaderboard can turn its pages. */
export const leaderboardPageButton = defineComponent({
  pattern: 'lvl.page/:page',
  ttlSeconds: 600,
  async run(ctx, { page }) {
    const { pages } = await leaderboardPage(ctx.db, ctx.guildId as string, 1);
    const n = Math.min(Math.max(1, Number(page) || 1), pages);
    return reply.update(await leaderboardView(ctx.db, ctx.guildId as string, n, ctx));
  },
});

export const leaderboard = defineCommand({
  name: 'leaderboard',
  description: 'The members with the most XP in this server',
  category: 'Levels',
  guildOnly: true,
  cooldown: { rate: 1, per: 5, scope: 'user' },
  options: { page: option.integer('Which page', { minValue: 1, maxValue: 10_000 }) },
  async run(ctx, { page }) {
    const { pages } = await leaderboardPage(ctx.db, ctx.guildId as string, 1);
    return reply.message(
      await leaderboardView(ctx.db, ctx.guildId as string, Math.min(page ?? 1, pages), ctx),
    );
  },
});

export const levelsSet = defineCommand({
  name: 'levels_set',
  description: 'Level-up messages and the XP cooldown',
  category: 'Levels',
  guildOnly: true,
  permissions: ['ManageGuild'],
  mutates: true,
  options: {
    announce: option.channel('Where level-ups are announced (default: where the member spoke)', {
      channelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    }),
    off: option.boolean('Turn level-up messages off'),
    cooldown: option.integer('Seconds between two messages that earn XP', { minValue: 5, maxValue: 3600 }),
    message: option.string('The level-up text; {user} and {level} are filled in', {
      maxLength: 500,
      rest: true,
    }),
  },
  async run(ctx, { announce, off, cooldown, message }) {
    const guildId = ctx.guildId as string;
    if (announce) {
      const missing = await missingToPost(ctx, announce.id);
      if (missing.length)
        return reply.message({
          ephemeral: true,
          embeds: [
            toneEmbed(
              'error',
              'The bot cannot post there',
              `In <#${announce.id}> the bot is missing: ${missing.join(', ')}. Nothing was changed.`,
            ),
          ],
        });
    }
    const s = store(ctx.db);
    const current = await s.read(guildId);
    const next = {
      ...current,
      announceChannelId: off
        ? ('off' as const)
        : (announce?.id ?? (off === false ? null : current.announceChannelId)),
      cooldownSeconds: cooldown ?? current.cooldownSeconds,
      message: message ?? current.message,
    };
    const saved = await s.write(guildId, next, ctx.user.id, 'levels.settings');
    if (!saved.ok)
      return reply.message({
        ephemeral: true,
        embeds: [toneEmbed('error', 'Not changed', saved.problems.join('\n'))],
      });
    const v = saved.value;
    const where =
      v.announceChannelId === 'off'
        ? 'off'
        : v.announceChannelId
          ? `in <#${v.announceChannelId}>`
          : 'where the member spoke';
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'success',
          'Levels updated',
          `Level-up messages: ${where}.\nXP: ${v.xpMin}–${v.xpMax} per message, at most once every ${v.cooldownSeconds} s.`,
        ),
      ],
    });
  },
});
