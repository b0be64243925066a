import { defineCommandGroup } from '../../../framework/command-group';
import { defineExtension } from '../../extension';
import { greetingSetCommand, welcomeOff, welcomePreview } from './greeting-commands';
import { goodbyeOnLeave, welcomeOnJoin } from './greeting-hooks';
import { welcomeSettings } from './settings';
import { WELCOME_EXTENSION } from './welcome-store';

/** `/welcome join|leave|off|preview`: one slash command. */
const commands = defineCommandGroup({
  name: 'welcome',
  description: 'Welcome and goodbye messages for members who join and leave',
  commands: [greetingSetCommand('welcome'), greetingSetCommand('goodbye'), welcomeOff, welcomePreview],
});

/** Welcome and goodbye messages: templated, embed or text, with a preview. The worked example in the README. */
export const welcomeExtension = defineExtension({
  manifest: {
    name: WELCOME_EXTENSION,
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Welcome and goodbye messages, templated, as an embed or text, with a preview',
    details:
      'Greets members who join and says goodbye to those who leave, in channels you choose. Templates can name {user}, {user.name}, {user.id}, {server} and {membercount}. Needs the Server Members intent (GATEWAY_MEMBERS_INTENT=true).',
    enabledByDefault: false,
    listensTo: ['member_joined', 'member_left'],
    commands: commands.map((c) => c.name),
    settings: {
      welcome: 'channel, message template and style for members who join',
      goodbye: 'channel, message template and style for members who leave',
    },
  },
  commands,
  hooks: [welcomeOnJoin, goodbyeOnLeave],
  settings: welcomeSettings,
});
