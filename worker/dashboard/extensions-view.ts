import { eq } from 'drizzle-orm';
import { guildExtensions } from '../db/schema';
import type { ExtensionDefinition } from '../extensions/extension';
import { enabledStates } from '../extensions/guild-extensions';
import { toggleDecision } from '../extensions/guild-toggle';
import { getEnforcement } from '../extensions/registry-settings';
import { settingsFrom } from '../extensions/settings-store';
import type { Services } from '../framework/context';

/** The rules' messages without Discord's bold markers, for the dashboard. */
export const plainText = (text: string) => text.replaceAll('**', '');

/** A server's extensions as the dashboard shows them (`GET /api/guilds/:id/extensions`), in catalogue order. */
export async function extensionsOf(services: Pick<Services, 'db' | 'registry'>, guildId: string) {
  const extensions = services.registry.extensions;
  const [states, enforcement, stored] = await Promise.all([
    enabledStates(services.db, guildId, extensions),
    getEnforcement(services.db),
    services.db
      .select({ extension: guildExtensions.extension, settings: guildExtensions.settings })
      .from(guildExtensions)
      .where(eq(guildExtensions.guildId, guildId)),
  ]);
  const storedSettings = new Map(stored.map((r) => [r.extension, r.settings]));
  return extensions.map((extension) => {
    const m = extension.manifest;
    const enabled = states.get(m.name) ?? false;
    // Blocked: the switch the admin would flip now (enable when off, disable when on) is refused.
    const decision = toggleDecision(extensions, extension, !enabled, states, enforcement);
    const blocked = !decision.ok && decision.tone === 'error';
    return {
      name: m.name,
      version: m.version,
      author: m.author,
      description: m.description,
      details: m.details,
      required: m.required,
      enabledByDefault: m.enabledByDefault,
      enabled,
      commands: extension.commands.map((c) => c.name),
      dependencies: Object.entries(m.dependencies).map(([name, range]) => ({ name, range })),
      conflicts: m.conflicts,
      blocked,
      blockedReasons: blocked ? decision.reasons.map(plainText) : [],
      settings: settingsView(extension, storedSettings.get(m.name) ?? null),
    };
  });
}

/** A setting's value in a line: ids stay ids (the commands name channels and roles the same way). */
export function showSetting(value: unknown): string {
  if (value === null || value === undefined) return 'not set';
  if (Array.isArray(value)) return value.length ? value.map(showSetting).join(', ') : 'none';
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${showSetting(v)}`)
      .join(' · ');
  return String(value).slice(0, 300);
}

/** What an extension stores in this server, by its manifest's keys (read only: its commands change them). */
function settingsView(extension: ExtensionDefinition, stored: string | null) {
  const values = settingsFrom(extension.settings, stored);
  return Object.entries(extension.manifest.settings).map(([key, description]) => ({
    key,
    description,
    value: showSetting(values[key]),
  }));
}
