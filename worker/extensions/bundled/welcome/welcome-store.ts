import type { Database } from '../../../db/client';
import { ExtensionSettingsStore } from '../../settings-store';
import { welcomeSettings } from './settings';

export const WELCOME_EXTENSION = 'welcome';

export const welcomeStore = (db: Database) =>
  new ExtensionSettingsStore(db, WELCOME_EXTENSION, welcomeSettings);
