import { OverwriteType, PermissionFlagsBits, type RESTAPIGuildCreateOverwrite } from 'discord-api-types/v10';
import type { PermissionName } from '../../../framework/command';

/** What the opener and the support role get in a ticket. */
const MEMBER_ALLOW: readonly PermissionName[] = [
  'ViewChannel',
  'SendMessages',
  'ReadMessageHistory',
  'AttachFiles',
];
/** What the bot gives itself, so it can read the transcript and delete the channel whatever its roles say. */
const BOT_ALLOW: readonly PermissionName[] = [
  'ViewChannel',
  'SendMessages',
  'ReadMessageHistory',
  'ManageChannels',
];

/** Every permission a ticket's overwrites grant or deny; the bot must have each one to set them. */
export const TICKET_OVERWRITE_PERMISSIONS: readonly PermissionName[] = [
  ...new Set([...MEMBER_ALLOW, ...BOT_ALLOW]),
];

const bits = (names: readonly PermissionName[]) =>
  names.reduce((all, name) => all | PermissionFlagsBits[name], 0n).toString();

/**
 * A ticket channel's overwrites, set when it is created: hidden from @everyone; the opener, the support
 * role (if any) and the bot can see it and talk in it.
 */
export function ticketOverwrites(input: {
  guildId: string;
  openerId: string;
  botId: string;
  supportRoleId: string | null;
}): RESTAPIGuildCreateOverwrite[] {
  const overwrites: RESTAPIGuildCreateOverwrite[] = [
    { id: input.guildId, type: OverwriteType.Role, allow: '0', deny: bits(['ViewChannel']) },
    { id: input.openerId, type: OverwriteType.Member, allow: bits(MEMBER_ALLOW), deny: '0' },
    { id: input.botId, type: OverwriteType.Member, allow: bits(BOT_ALLOW), deny: '0' },
  ];
  if (input.supportRoleId)
    overwrites.push({
      id: input.supportRoleId,
      type: OverwriteType.Role,
      allow: bits(MEMBER_ALLOW),
      deny: '0',
    });
  return overwrites;
}
