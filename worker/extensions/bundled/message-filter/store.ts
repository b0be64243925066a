import type { Database } from '../../../db/client';
import { ExtensionSettingsStore } from '../../settings-store';
import { filterSettings } from './settings';

export const MESSAGE_FILTER_EXTENSION = 'message-filter';

export const filterStore = (db: Database) =>
  new ExtensionSettingsStore(db, MESSAGE_FILTER_EXTENSION, filterSettings);
