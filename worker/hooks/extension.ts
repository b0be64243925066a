import { defineExtension } from '../extensions/extension';
import { ehAlertChannel } from './commands/eh-alert-channel';
import { ehDisable } from './commands/eh-disable';
import { ehEnable } from './commands/eh-enable';
import { ehHistory, historyPager } from './commands/eh-history';
import { ehList } from './commands/eh-list';
import { ehResetCircuit } from './commands/eh-reset-circuit';

const commands = [ehList, ehHistory, ehDisable, ehEnable, ehResetCircuit, ehAlertChannel];
const components = [historyPager];

/** The event bus's own commands (eh_*): hook listing, history, switches, circuit breakers and alerts. */
export const hooksExtension = defineExtension({
  manifest: {
    name: 'event-hooks',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'The event bus: hook listing, history, circuit breakers and alerts',
    details:
      'Extensions register handlers for named events; the bus runs them from a queue in priority order, each with a timeout, behind a circuit breaker per hook. These owner-only commands show the hooks and their history, switch hooks off and on, close breakers and set the alert channel.',
    required: true,
    commands: commands.map((c) => c.name),
    components: components.map((c) => c.key),
  },
  commands,
  components,
});
