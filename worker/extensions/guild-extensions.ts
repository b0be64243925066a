import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { guildExtensions } from '../db/schema';
import type { ExtensionDefinition } from './extension';

/** Whether `extension` runs in `guildId`: the stored choice, else the manifest's default. Required ones always do. */
export async function isExtensionEnabled(
  db: Database,
  guildId: string | null,
  extension: ExtensionDefinition,
): Promise<boolean> {
  if (extension.manifest.required || guildId === null) return true;
  const row = await db
    .select({ enabled: guildExtensions.enabled })
    .from(guildExtensions)
    .where(and(eq(guildExtensions.guildId, guildId), eq(guildExtensions.extension, extension.manifest.name)))
    .get();
  return row?.enabled ?? extension.manifest.enabledByDefault;
}

/** The extension's settings for a guild, parsed by its schema (its defaults when nothing is stored). */
export async function extensionSettings(
  db: Database,
  guildId: string | null,
  extension: ExtensionDefinition,
): Promise<Record<string, unknown>> {
  const row =
    guildId === null
      ? undefined
      : await db
          .select({ settings: guildExtensions.settings })
          .from(guildExtensions)
          .where(
            and(eq(guildExtensions.guildId, guildId), eq(guildExtensions.extension, extension.manifest.name)),
          )
          .get();
  const stored = row?.settings ? (JSON.parse(row.settings) as unknown) : {};
  const parsed = extension.settings.safeParse(stored);
  return parsed.success ? parsed.data : (extension.settings.parse({}) as Record<string, unknown>);
}
