import { defineExtension } from '../../extensions/extension';
import { config } from './config';
import { mentionprefix } from './mentionprefix';
import { serversettings } from './serversettings';
import { setprefix } from './setprefix';

/** Per-server settings: prefix, mention prefix, role requirements. */
export const settingsExtension = defineExtension({
  manifest: {
    name: 'settings',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Per-server prefix, mention prefix and role requirements for commands',
    details:
      'Administrators set the prefix (/setprefix), whether @mentions work as a prefix (/mentionprefix), which roles a command needs (/config), and see it all with /serversettings.',
    required: true,
    dependencies: { core: '^1.0.0' },
    commands: ['setprefix', 'mentionprefix', 'serversettings', 'config'],
  },
  commands: [setprefix, mentionprefix, serversettings, config],
});
