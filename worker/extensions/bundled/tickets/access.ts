import { missingPermissions } from '../../../discord/permissions';
import type { Invoker } from '../../../framework/context';
import type { TicketSettings } from './settings';
import type { TicketRow } from './ticket-rows';

const hasSupportRole = (who: Invoker, settings: TicketSettings) =>
  settings.supportRoleId !== null && who.roles.includes(settings.supportRoleId);

const has = (who: Invoker, permission: 'ManageChannels' | 'ManageGuild') =>
  who.permissions !== null && missingPermissions(who.permissions, [permission]).length === 0;

/** The member who opened the ticket, the support role, or Manage Channels (Administrators included). */
export function mayClose(who: Invoker, ticket: TicketRow, settings: TicketSettings): boolean {
  return who.user.id === ticket.openerId || hasSupportRole(who, settings) || has(who, 'ManageChannels');
}

/** Manage Server (Administrators included) or the support role. */
export function mayReadTranscripts(who: Invoker, settings: TicketSettings): boolean {
  return hasSupportRole(who, settings) || has(who, 'ManageGuild');
}
