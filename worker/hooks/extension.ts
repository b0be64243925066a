import { defineExtension } from '../extensions/extension';

/** The event-hook commands (eh_*). STUB: the event-bus work fills in commands. */
export const hooksExtension = defineExtension({
  manifest: {
    name: 'event-hooks',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'The event bus: hook listing, history, circuit breakers and alerts',
    required: true,
  },
});
