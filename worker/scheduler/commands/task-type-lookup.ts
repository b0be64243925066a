import { isExtensionEnabled } from '../../extensions/guild-extensions';
import type { Services } from '../../framework/context';
import { extensionsOf } from '../extension-source';
import { type TaskTypeSource, taskTypeSources } from '../task-types';

export type TaskTypeLookup = { ok: true; source: TaskTypeSource } | { ok: false; error: string };

/** The task types usable in this server: those of the extensions enabled here. */
export async function availableTaskTypes(services: Services, guildId: string): Promise<TaskTypeSource[]> {
  const sources = taskTypeSources(await extensionsOf(services));
  const usable = await Promise.all(sources.map((s) => isExtensionEnabled(services.db, guildId, s.extension)));
  return sources.filter((_, index) => usable[index]);
}

/** The task type named `name`, or why it cannot be used in this server. */
export async function lookupTaskType(
  services: Services,
  guildId: string,
  name: string,
): Promise<TaskTypeLookup> {
  const wanted = name.trim().toLowerCase();
  const all = taskTypeSources(await extensionsOf(services));
  const source = all.find((s) => s.handler.name === wanted);
  if (!source) {
    return {
      ok: false,
      error: `\`${wanted.slice(0, 32)}\` is not a task type. Available: ${all.map((s) => `\`${s.handler.name}\``).join(', ')}.`,
    };
  }
  if (!(await isExtensionEnabled(services.db, guildId, source.extension))) {
    return {
      ok: false,
      error: `The \`${wanted}\` task type comes from the **${source.extension.manifest.name}** extension, which is not enabled in this server.`,
    };
  }
  return { ok: true, source };
}
