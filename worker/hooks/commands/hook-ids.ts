import type { AutocompleteContext } from '../../framework/context';
import { errorMessage, toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { type Reply, reply } from '../../framework/reply';
import { installedExtensions } from '../installed-extensions';
import { findHook, type RegisteredHook, registeredHooks } from '../registered-hooks';

export const HOOKS_CATEGORY = 'Event hooks';

/** `hook_id`: `<event>:<extension>.<name>`, as `eh_list` shows it. */
export const hookIdOption = option.string('The hook id, as eh_list shows it (start typing to pick one)', {
  required: true,
  autocomplete: true,
  minLength: 3,
  maxLength: 200,
});

/** Hook ids matching what was typed (owners only: others get no suggestions). */
export async function autocompleteHookIds(ctx: AutocompleteContext): Promise<Reply> {
  if (!ctx.isBotOwner) return reply.autocomplete([]);
  const typed = ctx.focused.value.toLowerCase();
  const hooks = registeredHooks(await installedExtensions());
  return reply.autocomplete(
    hooks
      .filter((h) => h.id.toLowerCase().includes(typed))
      .map((h) => ({ name: h.id.slice(0, 100), value: h.id.slice(0, 100) })),
  );
}

/** The hook with this id, or the reply saying there is none. */
export async function hookOrRefusal(id: string): Promise<{ hook: RegisteredHook } | { refusal: Reply }> {
  const hook = findHook(await installedExtensions(), id.trim());
  if (hook) return { hook };
  return {
    refusal: reply.message(
      errorMessage(
        'Hook not found',
        `No hook has the id \`${id.slice(0, 200)}\`. \`eh_list\` shows every hook's id.`,
      ),
    ),
  };
}

/** An ephemeral confirmation. */
export const say = (tone: 'success' | 'info', title: string, description: string) =>
  reply.message({ embeds: [toneEmbed(tone, title, description)], ephemeral: true });
