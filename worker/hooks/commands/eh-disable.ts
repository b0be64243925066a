import { defineCommand } from '../../framework/command';
import { setDisabled } from '../hook-state';
import { autocompleteHookIds, HOOKS_CATEGORY, hookIdOption, hookOrRefusal, say } from './hook-ids';

export const ehDisable = defineCommand({
  name: 'eh_disable',
  description: 'Turn an event hook off everywhere until eh_enable',
  category: HOOKS_CATEGORY,
  ownerOnly: true,
  mutates: true,
  options: { hook_id: hookIdOption },
  autocomplete: autocompleteHookIds,
  async run(ctx, { hook_id }) {
    const found = await hookOrRefusal(hook_id);
    if ('refusal' in found) return found.refusal;
    const changed = await setDisabled(ctx.env.DB, found.hook.id, true, Date.now());
    return changed
      ? say(
          'success',
          'Hook disabled',
          `\`${found.hook.id}\` is skipped for every event until \`eh_enable\`.`,
        )
      : say('info', 'Already disabled', `\`${found.hook.id}\` was already disabled.`);
  },
});
