import type { AnyCommand } from '../../framework/command';
import { defineCommand } from '../../framework/command';
import { defineCommandGroup } from '../../framework/command-group';
import type { CommandContext } from '../../framework/context';
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

const base = { category: 'Core', cooldown: { rate: 5, per: 10, scope: 'user' } } as const;

const nameOption = (what: string) =>
  option.string(`The extension to ${what}`, { required: true, autocomplete: true, maxLength: 32 });

const browse = defineCommand({
  ...base,
  name: 'browse',
  description: 'The extension catalogue, 5 a page, with a menu to open one',
  help: 'Each page shows five extensions with their state here; ◀ ▶ page through and the menu opens one (the invoker’s only).',
  options: { page: option.integer('Page to open', { minValue: 1, maxValue: 100 }) },
  async run(ctx, { page }) {
    const states = await guildStates(ctx, ctx.guildId);
    return reply.message(browseView(ctx.registry.extensions, states, page ?? 1, ctx, browseComponents));
  },
});

const search = defineCommand({
  ...base,
  name: 'search',
  description: 'Find extensions by words in their name, description or details',
  options: { query: option.string('Words to look for', { required: true, maxLength: 100, rest: true }) },
  async run(ctx, { query }) {
    const states = await guildStates(ctx, ctx.guildId);
    return reply.message(
      searchView(searchExtensions(ctx.registry.extensions, query), query, states, ctx, browseComponents),
    );
  },
});

const info = defineCommand({
  ...base,
  name: 'info',
  description: 'One extension: details, state here, commands, dependencies, conflicts, settings',
  options: { name: nameOption('show') },
  autocomplete: autocompleteExtensions,
  async run(ctx, { name }) {
    const found = lookupExtension(ctx.registry, name);
    if (!found.ok) return reply.message(found.message);
    const states = await guildStates(ctx, ctx.guildId);
    return reply.message({ embeds: [catalogueCard(found.extension, guildStateOf(found.extension, states))] });
  },
});

/** enable and disable: per server, Manage Server, refused (with the reason) when the rules say no. */
function toggle(enabled: boolean): AnyCommand {
  return defineCommand({
    ...base,
    name: enabled ? 'enable' : 'disable',
    description: enabled
      ? 'Switch an extension on in this server (needs its dependencies on)'
      : 'Switch an extension off in this server (refused while an enabled one depends on it)',
    guildOnly: true,
    permissions: ['ManageGuild'],
    mutates: true,
    options: { name: nameOption(enabled ? 'enable' : 'disable') },
    autocomplete: autocompleteExtensions,
    async run(ctx: CommandContext, { name }) {
      const found = lookupExtension(ctx.registry, name);
      if (!found.ok) return reply.message(found.message);
      return reply.message(await toggleExtension(ctx, found.extension, enabled));
    },
  });
}

/** `/extensions browse|search|info|enable|disable`: the catalogue of the bundled extensions. */
export const extensionsCommands: AnyCommand[] = defineCommandGroup({
  name: 'extensions',
  description: 'Browse, search and switch on or off the extensions in this server',
  commands: [browse, search, info, toggle(true), toggle(false)],
});
