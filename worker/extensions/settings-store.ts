import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../db/client';
import { guildExtensions } from '../db/schema';
import { auditInsert } from '../settings/audit';

/** Stored settings (JSON) through the schema; the schema's defaults when none, or when they no longer parse. */
export function settingsFrom<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  stored: string | null,
): z.output<S> {
  let raw: unknown = {};
  try {
    raw = stored ? JSON.parse(stored) : {};
  } catch {
    raw = {};
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : schema.parse({});
}

/** One extension's per-guild settings, read and written through its own zod schema. */
export class ExtensionSettingsStore<S extends z.ZodType<Record<string, unknown>>> {
  constructor(
    private readonly db: Database,
    readonly extension: string,
    private readonly schema: S,
  ) {}

  /** The guild's settings; the schema's defaults when none are stored (or what is stored no longer parses). */
  async read(guildId: string): Promise<z.output<S>> {
    const row = await this.db
      .select({ settings: guildExtensions.settings })
      .from(guildExtensions)
      .where(and(eq(guildExtensions.guildId, guildId), eq(guildExtensions.extension, this.extension)))
      .get();
    return settingsFrom(this.schema, row?.settings ?? null);
  }

  /**
   * Validates and stores new settings with an audit row, in one batch; the extension's enabled state is
   * kept. Invalid settings write nothing and come back as messages.
   */
  async write(
    guildId: string,
    value: z.input<S>,
    actorId: string,
    action: string,
    nowMs = Date.now(),
  ): Promise<{ ok: true; value: z.output<S> } | { ok: false; problems: string[] }> {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success)
      return {
        ok: false,
        problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`),
      };
    const settings = JSON.stringify(parsed.data);
    await this.db.batch([
      this.db
        .insert(guildExtensions)
        .values({
          guildId,
          extension: this.extension,
          enabled: null,
          settings,
          updatedBy: actorId,
          updatedAt: nowMs,
        })
        .onConflictDoUpdate({
          target: [guildExtensions.guildId, guildExtensions.extension],
          set: { settings, updatedBy: actorId, updatedAt: nowMs },
        }),
      auditInsert(this.db, { guildId, actorId, action, details: { extension: this.extension } }, nowMs),
    ]);
    return { ok: true, value: parsed.data };
  }
}
