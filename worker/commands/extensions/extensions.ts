import { z } from 'zod';
import { missingPermissions } from '../../discord/permissions';
import { defineCommand } from '../../framework/command';
import { errorMessage } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { browseComponents } from './browse-components';
import { browseView, searchView } from './browse-view';
import { catalogueCard } from './catalogue-card';
import { autocompleteExtensions, lookupExtension } from './extension-name';
import { guildStateOf } from './extension-state';
import { guildStates } from './guild-states';
import { searchExtensions } from './search-extensions';
import { toggleExtension } from './toggle-extension';

const ACTIONS = ['browse', 'search', 'info', 'enable', 'disable'] as const;
type Action = (typeof ACTIONS)[number];

/** info, enable and disable need a name; search needs words (the name option is taken as words too). */
const needs = z
  .object({ action: z.enum(ACTIONS).optional(), name: z.string().optional(), query: z.string().optional() })
  .loose()
  .superRefine((v, ctx) => {
    const action = v.action ?? 'browse';
    if ((action === 'info' || action === 'enable' || action === 'disable') && !v.name) {
      ctx.addIssue({
        code: 'custom',
        message: `\`${action}\` needs \`name\`: the extension to ${action === 'info' ? 'show' : action}.`,
      });
    }
    if (action === 'search' && !v.query && !v.name) {
      ctx.addIssue({ code: 'custom', message: '`search` needs `query`: the words to look for.' });
    }
  });

export const extensionsCommand = defineCommand({
  name: 'extensions',
  description: 'Browse, search and switch on or off the extensions in this server',
  category: 'Core',
  help: 'browse (5 a page, with a menu to open one), search (names, descriptions, details), info, and enable / disable (Manage Server). Enabling refuses while a dependency is disabled or a conflicting extension is enabled; disabling refuses while an enabled extension depends on it.',
  cooldown: { rate: 5, per: 10, scope: 'user' },
  mutates: true,
  options: {
    action: option.string('What to do (default: browse)', {
      choices: ACTIONS.map((a) => ({ name: a, value: a })),
    }),
    name: option.string('The extension (info, enable, disable)', { autocomplete: true, maxLength: 32 }),
    query: option.string('Words to look for (search)', { maxLength: 100, rest: true }),
    page: option.integer('Page to open (browse)', { minValue: 1, maxValue: 100 }),
  },
  validate: needs,
  autocomplete: autocompleteExtensions,
  async run(ctx, { action = 'browse', name, query, page }) {
    const act = action as Action;
    if (act === 'browse') {
      const states = await guildStates(ctx, ctx.guildId);
      return reply.message(browseView(ctx.registry.extensions, states, page ?? 1, ctx, browseComponents));
    }
    if (act === 'search') {
      // Prefix invocations split the words over `name` and `query`.
      const words = [name, query].filter(Boolean).join(' ').trim();
      const states = await guildStates(ctx, ctx.guildId);
      return reply.message(
        searchView(searchExtensions(ctx.registry.extensions, words), words, states, ctx, browseComponents),
      );
    }
    const found = lookupExtension(ctx.registry, name ?? '');
    if (!found.ok) return reply.message(found.message);
    if (act === 'info') {
      const states = await guildStates(ctx, ctx.guildId);
      return reply.message({
        embeds: [catalogueCard(found.extension, guildStateOf(found.extension, states))],
      });
    }
    if (!ctx.guildId) {
      return reply.message(
        errorMessage(
          'Server only',
          `Extensions are enabled and disabled per server: use \`/extensions action:${act}\` in one.`,
        ),
      );
    }
    if (!ctx.isBotOwner && missingPermissions(ctx.permissions ?? 0n, ['ManageGuild']).length) {
      return reply.message(
        errorMessage(
          'Missing permissions',
          `You need **Manage Server** to ${act} extensions in this server.`,
        ),
      );
    }
    return reply.message(await toggleExtension(ctx, found.extension, act === 'enable'));
  },
});
