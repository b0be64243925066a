import { type APIEmbed, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { ComponentHandle } from '../../../framework/command';
import type { Invoker } from '../../../framework/context';
import type { ReplyMessage } from '../../../framework/reply';

export const TABS = ['overview', 'backups', 'compare', 'audit', 'analytics'] as const;
export type Tab = (typeof TABS)[number];
const LABELS: Record<Tab, string> = {
  overview: '🏠 Overview',
  backups: '💾 Backups',
  compare: '🔍 Compare',
  audit: '📜 Audit',
  analytics: '📊 Analytics',
};

export interface DashboardIds {
  tab: ComponentHandle<'bk.tab/:tab/:page'>;
  deletePick: ComponentHandle<'bk.delpick'>;
}

/** The dashboard frame: the tab's embed, the tab buttons, and paging / refresh / delete. */
export function frame(
  ids: DashboardIds,
  invoker: Invoker,
  tab: Tab,
  embed: APIEmbed,
  paging: { page: number; pages: number } | null,
): ReplyMessage {
  const button = (
    label: string,
    target: Tab,
    page: number | string,
    opts: { primary?: boolean; disabled?: boolean } = {},
  ) => ({
    type: ComponentType.Button as const,
    style: (opts.primary ? ButtonStyle.Primary : ButtonStyle.Secondary) as
      | ButtonStyle.Primary
      | ButtonStyle.Secondary,
    label,
    custom_id: ids.tab.id(invoker, { tab: target, page: String(page) }),
    disabled: opts.disabled ?? false,
  });
  // Custom ids must be unique in a message: paging buttons are marked `p<page>`, refresh `r<page>`.
  const page = paging?.page ?? 1;
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: TABS.map((t) => button(LABELS[t], t, 1, { primary: t === tab, disabled: t === tab })),
      },
      {
        type: ComponentType.ActionRow,
        components: [
          button('◀', tab, `p${page - 1}`, { disabled: !paging || page <= 1 }),
          button('▶', tab, `p${page + 1}`, { disabled: !paging || page >= paging.pages }),
          button('🔄 Refresh', tab, `r${page}`),
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Danger,
            label: '🗑️ Delete…',
            custom_id: ids.deletePick.id(invoker, {}),
          },
        ],
      },
    ],
  };
}

/** A page number from a custom id ("p3" is a paging button, "r3" the refresh button of page 3). */
export function pageOf(raw: string): number {
  return Math.max(1, Number.parseInt(raw.replace(/^[pr]/, ''), 10) || 1);
}
