import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { guildExtensions } from '../db/schema';
import { auditInsert } from '../settings/audit';
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

/** Whether each extension runs in `guildId` (stored choice, else the manifest's default; required: always). */
export async function enabledStates(
  db: Database,
  guildId: string,
  extensions: readonly ExtensionDefinition[],
): Promise<Map<string, boolean>> {
  const rows = extensions.length
    ? await db
        .select({ extension: guildExtensions.extension, enabled: guildExtensions.enabled })
        .from(guildExtensions)
        .where(
          and(
            eq(guildExtensions.guildId, guildId),
            inArray(
              guildExtensions.extension,
              extensions.map((e) => e.manifest.name),
            ),
          ),
        )
        .all()
    : [];
  const stored = new Map(rows.map((r) => [r.extension, r.enabled]));
  return new Map(
    extensions.map((e) => [
      e.manifest.name,
      e.manifest.required || (stored.get(e.manifest.name) ?? e.manifest.enabledByDefault),
    ]),
  );
}

/** Stores the guild's choice and its audit row in one batch; the extension's settings are kept. */
export async function setExtensionEnabled(
  db: Database,
  input: { guildId: string; extension: string; enabled: boolean; actorId: string },
  nowMs = Date.now(),
): Promise<void> {
  const row = {
    guildId: input.guildId,
    extension: input.extension,
    enabled: input.enabled,
    updatedBy: input.actorId,
    updatedAt: nowMs,
  };
  await db.batch([
    db
      .insert(guildExtensions)
      .values(row)
      .onConflictDoUpdate({
        target: [guildExtensions.guildId, guildExtensions.extension],
        set: { enabled: row.enabled, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
      }),
    auditInsert(
      db,
      {
        guildId: input.guildId,
        actorId: input.actorId,
        action: input.enabled ? 'extension.enable' : 'extension.disable',
        details: { extension: input.extension },
      },
      nowMs,
    ),
  ]);
}
