import type { Database } from '../../../db/client';
import { ExtensionSettingsStore } from '../../settings-store';
import { reactionRoleSettings } from './settings';

export const REACTION_ROLES_EXTENSION = 'reaction-roles';

export const reactionRoleStore = (db: Database) =>
  new ExtensionSettingsStore(db, REACTION_ROLES_EXTENSION, reactionRoleSettings);
