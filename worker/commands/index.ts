import type { AnyCommand, AnyComponent } from '../framework/command';
import { backupCommands, backupComponents } from './backups';
import { about } from './core/about';
import { extensions } from './core/extensions';
import { help, helpComponents } from './core/help';
import { shardinfo } from './core/shardinfo';
import { slashlimit } from './core/slashlimit';
import { stats } from './core/stats';
import { sync } from './core/sync';
import { config } from './settings/config';
import { mentionprefix } from './settings/mentionprefix';
import { serversettings } from './settings/serversettings';
import { setprefix } from './settings/setprefix';
import { shardCommands, shardComponents } from './shards';

/** Every command the bot ships, in the order /help lists them. */
export const commands: AnyCommand[] = [
  help,
  stats,
  extensions,
  about,
  shardinfo,
  setprefix,
  mentionprefix,
  serversettings,
  config,
  ...backupCommands,
  ...shardCommands,
  sync,
  slashlimit,
];

export const components: AnyComponent[] = [
  ...Object.values(helpComponents),
  ...backupComponents,
  ...shardComponents,
];
