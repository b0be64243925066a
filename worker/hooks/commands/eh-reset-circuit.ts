import { defineCommand } from '../../framework/command';
import { resetBreaker } from '../hook-state';
import { autocompleteHookIds, HOOKS_CATEGORY, hookIdOption, hookOrRefusal, say } from './hook-ids';

export const ehResetCircuit = defineCommand({
  name: 'eh_reset_circuit',
  description: "Close an event hook's circuit breaker and forget its recent failures",
  category: HOOKS_CATEGORY,
  ownerOnly: true,
  mutates: true,
  options: { hook_id: hookIdOption },
  autocomplete: autocompleteHookIds,
  async run(ctx, { hook_id }) {
    const found = await hookOrRefusal(hook_id);
    if ('refusal' in found) return found.refusal;
    const wasOpen = await resetBreaker(ctx.env.DB, found.hook.id, Date.now());
    return wasOpen
      ? say('success', 'Circuit closed', `\`${found.hook.id}\` runs again from the next event.`)
      : say('info', 'Circuit was not open', `\`${found.hook.id}\`'s recent failures were forgotten.`);
  },
});
