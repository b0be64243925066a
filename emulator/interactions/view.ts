import type { EmulatorContext } from '../context';
import type { InteractionRecord } from './records';

/** The JSON the control API returns for a recorded interaction. */
export function recordView(ctx: EmulatorContext, record: InteractionRecord) {
  const seen = new Set<string>();
  const refs = [...(record.original ? [record.original] : []), ...record.produced];
  const messages = refs
    .filter((ref) => {
      if (seen.has(ref.messageId)) return false;
      seen.add(ref.messageId);
      return true;
    })
    .map((ref) => ctx.store.message(ref.channelId, ref.messageId))
    .filter((m) => m !== undefined)
    .map((m) => ({ ...structuredClone(m.message), ephemeral: m.ephemeralFor !== undefined }));
  return {
    id: record.id,
    token: record.token,
    interaction: record.interaction,
    status: record.status,
    response: record.response,
    responseVia: record.responseVia,
    httpBody: record.httpBody,
    acknowledged: record.acknowledged,
    followups: record.followups,
    edits: record.edits,
    messages,
    ...(record.choices ? { choices: record.choices } : {}),
    ...(record.modal ? { modal: record.modal } : {}),
    ...(record.error ? { error: record.error } : {}),
  };
}
