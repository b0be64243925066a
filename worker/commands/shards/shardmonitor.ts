import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { defineCommand, defineComponent } from '../../framework/command';
import type { Invoker } from '../../framework/context';
import { type ReplyMessage, reply } from '../../framework/reply';
import { type Fleet, loadFleet } from './fleet';
import { eventsEmbed, healthEmbed, latencyEmbed, overviewEmbed } from './monitor-views';

const TABS = {
  overview: { label: 'Overview', style: ButtonStyle.Primary, render: overviewEmbed },
  health: { label: 'Health', style: ButtonStyle.Success, render: healthEmbed },
  latency: { label: 'Latency', style: ButtonStyle.Secondary, render: latencyEmbed },
  events: { label: 'Events', style: ButtonStyle.Secondary, render: eventsEmbed },
} as const;
type Tab = keyof typeof TABS;

const tab = defineComponent({
  pattern: 'sm.tab/:tab/:refresh',
  ttlSeconds: 120,
  async run(ctx, params) {
    const chosen: Tab = params.tab in TABS ? (params.tab as Tab) : 'overview';
    return reply.update(monitorView(ctx, chosen, await loadFleet(ctx)));
  },
});

/** The monitor: one tab's embed, the tab buttons (the current one disabled) and Refresh. */
export function monitorView(invoker: Invoker, current: Tab, fleet: Fleet): ReplyMessage {
  return {
    embeds: [TABS[current].render(fleet)],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          ...(Object.keys(TABS) as Tab[]).map((t) => ({
            type: ComponentType.Button as const,
            style: TABS[t].style,
            label: TABS[t].label,
            custom_id: tab.id(invoker, { tab: t, refresh: '0' }),
            disabled: t === current,
          })),
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Secondary,
            label: '🔄 Refresh',
            custom_id: tab.id(invoker, { tab: current, refresh: '1' }),
          },
        ],
      },
    ],
  };
}

export const shardmonitor = defineCommand({
  name: 'shardmonitor',
  description: 'Gateway shard monitor: overview, health, latency and events',
  category: 'Shards',
  ownerOnly: true,
  cooldown: { rate: 1, per: 10, scope: 'user' },
  async run(ctx) {
    return reply.message({ ...monitorView(ctx, 'overview', await loadFleet(ctx)), ephemeral: true });
  },
});

export const shardmonitorComponents = [tab];
