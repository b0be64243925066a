import { defineCommandGroup } from '../../../framework/command-group';
import { defineExtension } from '../../extension';
import { rrAdd, rrList, rrRemove } from './commands';
import { giveOnReaction, takeOnUnreact } from './hooks';
import { reactionRoleSettings } from './settings';
import { REACTION_ROLES_EXTENSION } from './store';

/** `/reactionroles add|remove|list`: one slash command. */
const commands = defineCommandGroup({
  name: 'reactionroles',
  description: 'Roles members get by reacting to a message',
  commands: [rrAdd, rrRemove, rrList],
});

/** Reaction roles: react on a message to get a role, remove the reaction to lose it. */
export const reactionRolesExtension = defineExtension({
  manifest: {
    name: REACTION_ROLES_EXTENSION,
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Members get a role by reacting to a message, and lose it by removing the reaction',
    details:
      'Bind an emoji on any message to a role. The bot checks its role hierarchy and permissions when you add one and says what is missing; it adds its own reaction so members have something to click.',
    enabledByDefault: false,
    listensTo: ['reaction_added', 'reaction_removed'],
    commands: commands.map((c) => c.name),
    settings: { bindings: 'message, emoji and role of each reaction role (up to 100)' },
  },
  commands,
  hooks: [giveOnReaction, takeOnUnreact],
  settings: reactionRoleSettings,
});
