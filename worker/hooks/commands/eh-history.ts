import { type APIEmbed, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { defineCommand, defineComponent } from '../../framework/command';
import type { Invoker } from '../../framework/context';
import { colours, errorMessage, relativeTime } from '../../framework/embeds';
import { option } from '../../framework/options';
import { type ReplyMessage, reply } from '../../framework/reply';
import { countHistory, HISTORY_LIMIT, type HistoryEntry, listHistory } from '../history';
import { HOOKS_CATEGORY } from './hook-ids';

/** Entries per page: one field each, well inside Discord's 25 fields and 6,000 characters. */
export const HISTORY_PAGE_SIZE = 10;
const ERROR_LINES = 2;

function entryField(entry: HistoryEntry) {
  const ok = entry.errorCount === 0;
  const errors = entry.errors.slice(0, ERROR_LINES).map((e) => `↳ \`${e.hookId}\`: ${e.error.slice(0, 150)}`);
  const moreErrors = entry.errorCount > errors.length ? [`↳ … ${entry.errorCount - errors.length} more`] : [];
  return {
    name: `${ok ? '✅' : '❌'} ${entry.event}`.slice(0, 256),
    value: [
      `${relativeTime(entry.at)}${entry.guildId ? ` · server \`${entry.guildId}\`` : ''}`,
      `Succeeded: **${entry.successCount}** · Failed: **${entry.errorCount}** · Avg: **${entry.avgMs} ms** · Queue delay: **${entry.queueDelayMs} ms**`,
      ...errors,
      ...moreErrors,
    ]
      .join('\n')
      .slice(0, 1024),
  };
}

/** One page of the newest `limit` entries, with ◀ ▶ buttons only the invoker can use when there are more. */
export async function historyPage(
  d1: D1Database,
  invoker: Invoker,
  limit: number,
  requestedPage: number,
): Promise<ReplyMessage> {
  const total = Math.min(limit, await countHistory(d1));
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const offset = (page - 1) * HISTORY_PAGE_SIZE;
  const entries = await listHistory(d1, Math.max(0, Math.min(HISTORY_PAGE_SIZE, total - offset)), offset);
  const embed: APIEmbed = {
    title: '📜 Event hook history',
    color: colours.info,
    description:
      total === 0
        ? 'No events have run handlers yet.'
        : `The newest ${total} event(s), newest first (the bus keeps ${HISTORY_LIMIT}, 20 per event).`,
    fields: entries.map(entryField),
    footer: { text: `Page ${page}/${pages}` },
    timestamp: new Date().toISOString(),
  };
  if (pages === 1) return { embeds: [embed], components: [], ephemeral: true };
  const button = (label: string, target: number, disabled: boolean) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label,
    custom_id: historyPager.id(invoker, { limit: String(limit), page: String(target) }),
    disabled,
  });
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [button('◀ Previous', page - 1, page <= 1), button('Next ▶', page + 1, page >= pages)],
      },
    ],
    ephemeral: true,
  };
}

export const historyPager = defineComponent({
  pattern: 'eh.hist/:limit/:page',
  ttlSeconds: 600,
  async run(ctx, { limit, page }) {
    if (!ctx.isBotOwner)
      return reply.message(errorMessage('Bot owner only', 'The hook history is for the bot owners.'));
    const n = Math.min(Math.max(1, Number(limit) || 10), HISTORY_LIMIT);
    return reply.update(await historyPage(ctx.env.DB, ctx, n, Number(page) || 1));
  },
});

export const ehHistory = defineCommand({
  name: 'eh_history',
  description: 'The newest events the hooks ran for: successes, failures, timings (paged)',
  category: HOOKS_CATEGORY,
  ownerOnly: true,
  options: {
    limit: option.integer(`How many of the newest events (1 to ${HISTORY_LIMIT}, default 10)`, {
      minValue: 1,
      maxValue: HISTORY_LIMIT,
    }),
  },
  async run(ctx, { limit }) {
    return reply.message(await historyPage(ctx.env.DB, ctx, limit ?? 10, 1));
  },
});
