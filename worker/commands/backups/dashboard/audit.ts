import type { APIEmbed } from 'discord-api-types/v10';
import { and, desc, eq, like } from 'drizzle-orm';
import { auditLog } from '../../../db/schema';
import type { Services } from '../../../framework/context';
import { colours, relativeTime } from '../../../framework/embeds';

export const AUDIT_PAGE_SIZE = 8;
const AUDIT_KEEP = 200;
const icons: Record<string, string> = {
  create: '💾',
  import: '📥',
  delete: '🗑️',
  rotate: '🔁',
  expire: '⌛',
  pin: '📌',
  unpin: '📍',
  note: '📝',
  verify: '🔎',
  export: '📤',
  schedule: '⏰',
  failed: '❌',
  restore: '♻️',
};

export async function auditEmbed(services: Services, guildId: string, page: number) {
  const rows = await services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.guildId, guildId), like(auditLog.action, 'backup.%')))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_KEEP);
  const pages = Math.max(1, Math.ceil(rows.length / AUDIT_PAGE_SIZE));
  const at = Math.min(page, pages);
  const lines = rows.slice((at - 1) * AUDIT_PAGE_SIZE, at * AUDIT_PAGE_SIZE).map((r) => {
    const action = r.action.replace('backup.', '');
    const details = JSON.parse(r.details) as { backupId?: string; label?: string; note?: string };
    const what = [details.backupId ? `\`${details.backupId}\`` : '', details.label ?? details.note ?? '']
      .filter(Boolean)
      .join(' ');
    return `${icons[action] ?? '❓'} **${action}** ${what.slice(0, 70)} · <@${r.actorId}> ${relativeTime(r.createdAt)}`;
  });
  const embed: APIEmbed = {
    title: '📜 Backup audit log',
    color: colours.info,
    description: lines.join('\n') || 'Nothing yet.',
    footer: { text: `Newest ${AUDIT_KEEP} entries · page ${at}/${pages}` },
    timestamp: new Date().toISOString(),
  };
  return { embed, pages };
}
