import { defineExtension } from '../extensions/extension';
import { ask } from './ask-command';

/** /ask: answers about the bot from its own documents, registry and live state (FTS5 + Workers AI). */
export const assistantExtension = defineExtension({
  manifest: {
    name: 'assistant',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Answers questions about the bot from its own docs, commands, extensions and state',
    details:
      '/ask searches an FTS5 index in D1 (bm25) of the README and docs, every command’s help, the extension manifests, the D1 tables, and live state (health, hooks, this server’s scheduled tasks and errors), then writes an answer with Workers AI when the AI binding is present, or shows the best passages. Never secrets, never another server’s data. 15 s cooldown, 3 answers written at once, 60 s cache.',
    commands: ['ask'],
  },
  commands: [ask],
});
