import { defineCommandGroup } from '../../../framework/command-group';
import { defineExtension } from '../../extension';
import { filterAction, filterAdd, filterExempt, filterList, filterRemove, filterTest } from './commands';
import { filterMessages } from './hooks';
import { filterSettings } from './settings';
import { MESSAGE_FILTER_EXTENSION } from './store';

/** `/filter add|remove|action|exempt|list|test`: one slash command. */
const commands = defineCommandGroup({
  name: 'filter',
  description: 'The message filter: words and patterns, what happens, and who is exempt',
  commands: [filterAdd, filterRemove, filterAction, filterExempt, filterList, filterTest],
});

/** The message filter: words and patterns; delete, warn or time out; exempt roles and channels. */
export const messageFilterExtension = defineExtension({
  manifest: {
    name: MESSAGE_FILTER_EXTENSION,
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Filter words and patterns: delete, warn or time out, with exempt roles and channels',
    details:
      'Whole-word matching for words and phrases, and small regular expressions (no nested repetition) for patterns. Needs Manage Messages, and Timeout Members for the timeout action. Runs on the gateway’s messages, so it needs the Message Content intent.',
    enabledByDefault: false,
    listensTo: ['message_created'],
    commands: commands.map((c) => c.name),
    settings: {
      words: 'words and phrases to filter',
      patterns: 'regular expressions to filter',
      action: 'delete, warn or timeout',
      timeoutMinutes: 'how long the timeout action times the author out',
      exemptRoles: 'roles the filter ignores',
      exemptChannels: 'channels the filter ignores',
    },
  },
  commands,
  hooks: [filterMessages],
  settings: filterSettings,
});
