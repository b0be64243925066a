import { defineCommand, defineComponent } from '../../framework/command';
import type { Services } from '../../framework/context';
import { errorMessage } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { HELP_TTL_SECONDS, type HelpComponents, helpCategory, helpHome } from './help-view';

const BOT_NAME = 'Edgeward';

async function prefixOf(services: Services, guildId: string | null) {
  return services.settings.prefixes(guildId);
}

export const helpComponents: HelpComponents = {
  category: defineComponent({
    pattern: 'help.cat',
    ttlSeconds: HELP_TTL_SECONDS,
    async run(ctx) {
      const category = ctx.values[0] ?? '';
      const view = helpCategory(
        ctx.registry,
        ctx,
        category,
        1,
        (await prefixOf(ctx, ctx.guildId)).prefix,
        helpComponents,
      );
      return view
        ? reply.update(view)
        : reply.message(errorMessage('Unknown category', `No category "${category}".`));
    },
  }),
  page: defineComponent({
    pattern: 'help.page/:category/:page',
    ttlSeconds: HELP_TTL_SECONDS,
    async run(ctx, { category, page }) {
      const view = helpCategory(
        ctx.registry,
        ctx,
        category,
        Number(page) || 1,
        (await prefixOf(ctx, ctx.guildId)).prefix,
        helpComponents,
      );
      return view
        ? reply.update(view)
        : reply.message(errorMessage('Unknown category', `No category "${category}".`));
    },
  }),
  home: defineComponent({
    pattern: 'help.home',
    ttlSeconds: HELP_TTL_SECONDS,
    async run(ctx) {
      return reply.update(
        helpHome(ctx.registry, ctx, await prefixOf(ctx, ctx.guildId), BOT_NAME, helpComponents),
      );
    },
  }),
};

export const help = defineCommand({
  name: 'help',
  description: 'Browse the commands by category',
  category: 'Core',
  help: 'A menu of categories, five commands a page. Only you can use your menu; it expires after 3 minutes.',
  cooldown: { rate: 3, per: 10, scope: 'user' },
  priority: 0,
  async run(ctx) {
    return reply.message(
      helpHome(ctx.registry, ctx, await prefixOf(ctx, ctx.guildId), BOT_NAME, helpComponents),
    );
  },
});
