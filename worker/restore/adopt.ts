import type { REST } from '@discordjs/rest';
import { AuditLogEvent, type RESTGetAPIAuditLogResult, Routes } from 'discord-api-types/v10';
import { auditReason } from './apply-op';
import type { Operation } from './plan-types';

const CREATE_EVENTS: Partial<Record<Operation['type'], AuditLogEvent>> = {
  'role.create': AuditLogEvent.RoleCreate,
  'channel.create': AuditLogEvent.ChannelCreate,
  'emoji.create': AuditLogEvent.EmojiCreate,
  'sticker.create': AuditLogEvent.StickerCreate,
};

export function isCreate(op: Operation): boolean {
  return op.type in CREATE_EVENTS;
}

/**
 * A create that was sent but not recorded (the worker died in between): did Discord make it? The
 * server's audit log keeps the reason each write carried, so the object is found by its tag and adopted.
 * Returns its id, or null when Discord has no such entry (it is then safe to create it).
 */
export async function findCreated(
  rest: REST,
  guildId: string,
  botUserId: string,
  jobId: string,
  op: Operation,
): Promise<string | null> {
  const event = CREATE_EVENTS[op.type];
  if (event === undefined) return null;
  const log = (await rest.get(Routes.guildAuditLog(guildId), {
    query: new URLSearchParams({ user_id: botUserId, action_type: String(event), limit: '100' }),
  })) as RESTGetAPIAuditLogResult;
  const tag = auditReason(jobId, op.key);
  return log.audit_log_entries.find((e) => e.reason === tag)?.target_id ?? null;
}
