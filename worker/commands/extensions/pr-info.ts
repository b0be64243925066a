import { getEnforcement } from '../../extensions/registry-settings';
import { resolveExtensions } from '../../extensions/resolve';
import { defineCommand } from '../../framework/command';
import { reply } from '../../framework/reply';
import { autocompleteExtensions, extensionNameOption, lookupExtension } from './extension-name';
import { guildStateOf } from './extension-state';
import { guildStates } from './guild-states';
import { registryCard } from './registry-card';

export const prInfo = defineCommand({
  name: 'pr_info',
  description: 'One extension in the registry: version, commands, dependencies, conflicts, cycle',
  category: 'Core',
  cooldown: { rate: 1, per: 10, scope: 'user' },
  options: { name: extensionNameOption },
  autocomplete: autocompleteExtensions,
  async run(ctx, { name }) {
    const found = lookupExtension(ctx.registry, name);
    if (!found.ok) return reply.message(found.message);
    const [enforcement, states] = await Promise.all([getEnforcement(ctx.db), guildStates(ctx, ctx.guildId)]);
    const resolution = resolveExtensions(ctx.registry.extensions, enforcement);
    const report = resolution.report(found.extension.manifest.name);
    if (!report) throw new Error(`extension ${name} has no resolution report`);
    return reply.message({
      embeds: [
        registryCard(found.extension, report, resolution, states, guildStateOf(found.extension, states)),
      ],
    });
  },
});
