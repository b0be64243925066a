import { defineExtension } from '../../extensions/extension';
import {
  extensionComponents,
  extensionsCommands,
  prAlertChannel,
  prEnforce,
  prInfo,
  prList,
  prValidate,
} from '../extensions';
import { about } from './about';
import { help, helpComponents } from './help';
import { shardinfo } from './shardinfo';
import { slashlimit } from './slashlimit';
import { stats } from './stats';
import { sync } from './sync';

/** The framework's own commands: help, statistics, slash registration, and the extension registry. */
export const coreExtension = defineExtension({
  manifest: {
    name: 'core',
    version: '1.0.0',
    author: 'Edgeward',
    description: 'Help, statistics, slash-command registration and the extension registry',
    details:
      'The commands every Edgeward bot has: /help, /stats, /about, /shardinfo, the owner tools /sync and /slashlimit, the extension catalogue /extensions and the registry commands pr_list, pr_info, pr_validate, pr_enforce and pr_alert_channel.',
    required: true,
    commands: [
      'help',
      'stats',
      'about',
      'shardinfo',
      'sync',
      'slashlimit',
      ...extensionsCommands.map((c) => c.name),
      'pr_list',
      'pr_info',
      'pr_validate',
      'pr_enforce',
      'pr_alert_channel',
    ],
    components: ['help.cat', 'help.page', 'help.home', 'ext.browse', 'ext.open', 'pr.list'],
  },
  // In /help order: everyone's commands first, then the owner's.
  commands: [
    help,
    stats,
    ...extensionsCommands,
    about,
    shardinfo,
    prList,
    prInfo,
    sync,
    slashlimit,
    prValidate,
    prEnforce,
    prAlertChannel,
  ],
  components: [...Object.values(helpComponents), ...extensionComponents],
});
