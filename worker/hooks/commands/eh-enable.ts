import { defineCommand } from '../../framework/command';
import { resetBreaker, setDisabled } from '../hook-state';
import { autocompleteHookIds, HOOKS_CATEGORY, hookIdOption, hookOrRefusal, say } from './hook-ids';

export const ehEnable = defineCommand({
  name: 'eh_enable',
  description: 'Turn a disabled event hook back on (also resets its circuit breaker)',
  category: HOOKS_CATEGORY,
  ownerOnly: true,
  mutates: true,
  options: { hook_id: hookIdOption },
  autocomplete: autocompleteHookIds,
  async run(ctx, { hook_id }) {
    const found = await hookOrRefusal(hook_id);
    if ('refusal' in found) return found.refusal;
    const now = Date.now();
    const changed = await setDisabled(ctx.env.DB, found.hook.id, false, now);
    await resetBreaker(ctx.env.DB, found.hook.id, now);
    return changed
      ? say('success', 'Hook enabled', `\`${found.hook.id}\` runs again; its circuit breaker was reset.`)
      : say(
          'info',
          'Hook was not disabled',
          `\`${found.hook.id}\` was running; its circuit breaker was reset.`,
        );
  },
});
