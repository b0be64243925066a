import { defineComponent } from '../../framework/command';
import { errorMessage } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { type BrowseComponents, backRow, browseView } from './browse-view';
import { catalogueCard } from './catalogue-card';
import { guildStateOf } from './extension-state';
import { guildStates } from './guild-states';

const BROWSE_TTL_SECONDS = 600;

export const browseComponents: BrowseComponents = {
  page: defineComponent({
    pattern: 'ext.browse/:page',
    ttlSeconds: BROWSE_TTL_SECONDS,
    async run(ctx, { page }) {
      const states = await guildStates(ctx, ctx.guildId);
      return reply.update(
        browseView(ctx.registry.extensions, states, Number(page) || 1, ctx, browseComponents),
      );
    },
  }),
  open: defineComponent({
    pattern: 'ext.open/:back',
    ttlSeconds: BROWSE_TTL_SECONDS,
    async run(ctx, { back }) {
      const extension = ctx.registry.extension(ctx.values[0] ?? '');
      if (!extension) {
        return reply.message(
          errorMessage('Unknown extension', 'That extension is not in this build any more.'),
        );
      }
      const states = await guildStates(ctx, ctx.guildId);
      return reply.update({
        embeds: [catalogueCard(extension, guildStateOf(extension, states))],
        components: backRow(back, ctx, browseComponents),
      });
    },
  }),
};
