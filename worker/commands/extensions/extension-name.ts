import type { ExtensionDefinition } from '../../extensions/extension';
import type { AutocompleteContext } from '../../framework/context';
import { errorMessage } from '../../framework/embeds';
import { option } from '../../framework/options';
import type { Registry } from '../../framework/registry';
import { type Reply, type ReplyMessage, reply } from '../../framework/reply';

/** The option naming an extension (suggestions come from the bundled set). */
export const extensionNameOption = option.string('The extension (start typing to pick one)', {
  required: true,
  autocomplete: true,
  maxLength: 32,
});

/** Extensions whose name or description contains what was typed. */
export function autocompleteExtensions(ctx: AutocompleteContext): Reply {
  const typed = ctx.focused.value.trim().toLowerCase();
  return reply.autocomplete(
    ctx.registry.extensions
      .filter((e) => e.manifest.name.includes(typed) || e.manifest.description.toLowerCase().includes(typed))
      .map((e) => ({
        name: `${e.manifest.name} · ${e.manifest.description}`.slice(0, 100),
        value: e.manifest.name,
      })),
  );
}

/** The extension with this name, or the reply to give when there is none (with the known names). */
export function lookupExtension(
  registry: Registry,
  name: string,
): { ok: true; extension: ExtensionDefinition } | { ok: false; message: ReplyMessage } {
  const wanted = name.trim().toLowerCase();
  const extension = registry.extension(wanted);
  if (extension) return { ok: true, extension };
  const known = registry.extensions.map((e) => `\`${e.manifest.name}\``).join(', ') || 'none';
  return {
    ok: false,
    message: errorMessage(
      'Unknown extension',
      `There is no extension named \`${name}\`. Extensions: ${known}.`,
    ),
  };
}
