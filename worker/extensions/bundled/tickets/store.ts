import type { Database } from '../../../db/client';
import { ExtensionSettingsStore } from '../../settings-store';
import { ticketSettings } from './settings';

export const TICKETS_EXTENSION = 'tickets';

export const ticketSettingsStore = (db: Database) =>
  new ExtensionSettingsStore(db, TICKETS_EXTENSION, ticketSettings);
