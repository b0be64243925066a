/**
 * The bundled extensions: everything this worker runs. Resolved at build time (`npm run check:extensions`,
 * part of `npm test` and `npm run build`) and again when the worker starts. To add an extension, import its
 * definition here.
 */
import { assistantExtension } from '../assistant/extension';
import { backupsExtension } from '../commands/backups/extension';
import { coreExtension } from '../commands/core/extension';
import { settingsExtension } from '../commands/settings/extension';
import { shardsExtension } from '../commands/shards/extension';
import { diagnosticsExtension } from '../diagnostics/extension';
import { hooksExtension } from '../hooks/extension';
import { announcementsExtension } from '../scheduler/announcements';
import { schedulerExtension } from '../scheduler/extension';
import { levelsExtension } from './bundled/levels';
import { messageFilterExtension } from './bundled/message-filter';
import { reactionRolesExtension } from './bundled/reaction-roles';
import { ticketsExtension } from './bundled/tickets';
import { welcomeExtension } from './bundled/welcome';
import type { ExtensionDefinition } from './extension';

export const catalogue: readonly ExtensionDefinition[] = [
  coreExtension,
  settingsExtension,
  backupsExtension,
  shardsExtension,
  hooksExtension,
  schedulerExtension,
  announcementsExtension,
  diagnosticsExtension,
  assistantExtension,
  welcomeExtension,
  reactionRolesExtension,
  messageFilterExtension,
  levelsExtension,
  ticketsExtension,
];
