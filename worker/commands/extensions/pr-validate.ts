import { getEnforcement } from '../../extensions/registry-settings';
import { resolveExtensions } from '../../extensions/resolve';
import { defineCommand } from '../../framework/command';
import { colours, toneEmbed } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { autocompleteExtensions, extensionNameOption, lookupExtension } from './extension-name';

export const prValidate = defineCommand({
  name: 'pr_validate',
  description: 'Check one extension against the registry rules',
  category: 'Owner',
  ownerOnly: true,
  options: { name: extensionNameOption },
  autocomplete: autocompleteExtensions,
  async run(ctx, { name }) {
    const found = lookupExtension(ctx.registry, name);
    if (!found.ok) return reply.message(found.message);
    const extName = found.extension.manifest.name;
    const enforcement = await getEnforcement(ctx.db);
    const resolution = resolveExtensions(ctx.registry.extensions, enforcement);
    const issues = resolution.report(extName)?.issues ?? [];
    if (!issues.length) {
      return reply.message({
        embeds: [
          toneEmbed(
            'success',
            `${extName} is valid`,
            'Its dependencies are satisfied, it has no active conflict and no dependency cycle, and its manifest matches its code.',
          ),
        ],
      });
    }
    const errors = issues.filter((i) => i.severity === 'error').length;
    return reply.message({
      embeds: [
        {
          title: `${errors ? '❌' : '⚠️'} ${extName}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`,
          color: errors ? colours.error : colours.warning,
          description: errors
            ? 'The registry refuses this set until these are fixed.'
            : 'Allowed because enforcement is off for these.',
          fields: issues.slice(0, 25).map((i) => ({
            name: `${i.severity === 'error' ? '❌ Error' : '⚠️ Warning'} · ${i.kind}`,
            value: i.message.slice(0, 1024),
          })),
          footer: {
            text: `Enforcement: dependencies ${enforcement.dependencies ? 'on' : 'off'} · conflicts ${enforcement.conflicts ? 'on' : 'off'}`,
          },
        },
      ],
    });
  },
});
