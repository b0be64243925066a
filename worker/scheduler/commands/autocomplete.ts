import type { AutocompleteContext } from '../../framework/context';
import { type Reply, reply } from '../../framework/reply';
import { listTasks } from '../task-store';

/** The server's tasks whose name or id contains what was typed. */
export async function autocompleteTasks(ctx: AutocompleteContext): Promise<Reply> {
  if (!ctx.guildId) return reply.autocomplete([]);
  const typed = ctx.focused.value.trim().toLowerCase();
  const tasks = await listTasks(ctx.db, ctx.guildId);
  return reply.autocomplete(
    tasks
      .filter((t) => t.name.includes(typed) || t.id.startsWith(typed))
      .map((t) => ({
        name: `${t.name} · ${t.cron} ${t.timezone} · ${t.taskType}${t.status === 'active' && t.enabled ? '' : ` · ${t.status}`}`.slice(
          0,
          100,
        ),
        value: t.name,
      })),
  );
}

function allTimezones(): string[] {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC'];
  }
}

/** IANA timezones containing what was typed (spaces match underscores). */
export function autocompleteTimezones(typed: string): Reply {
  const wanted = typed.trim().toLowerCase().replace(/ /g, '_');
  return reply.autocomplete(
    allTimezones()
      .filter((zone) => zone.toLowerCase().includes(wanted))
      .map((zone) => ({ name: zone, value: zone })),
  );
}
