import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { MIGRATION_NAMES } from '../db/migration-names';
import * as schema from '../db/schema';
import { configSchemaEntries } from '../diagnostics/config-report';
import type { ExtensionDefinition } from '../extensions/extension';
import type { AnyCommand } from '../framework/command';
import type { Registry } from '../framework/registry';
import { type BundledDoc, loadBundledDocs } from './bundled-docs';
import { markdownPassages, type Passage } from './chunk';

/**
 * The passages that change only with a deploy: the bundled documents, every command's help, the extension
 * manifests, the configuration schema (names and meanings, never values) and the D1 tables. Indexed in
 * the 'docs' scope, rebuilt when their content hash changes.
 */
export { loadBundledDocs };

export function commandPassage(command: AnyCommand, registry: Registry): Passage {
  const options = Object.entries(command.options ?? {}).map(
    ([name, spec]) => `${name} (${spec.kind}${spec.required ? ', required' : ''}): ${spec.description}`,
  );
  const who = [
    command.ownerOnly ? 'bot owners only' : null,
    command.permissions?.length ? `needs ${command.permissions.join(', ')}` : null,
    command.guildOnly ? 'servers only' : null,
  ].filter(Boolean);
  const extension = registry.extensionOf(command)?.manifest.name;
  return {
    source: `command:/${command.name}`,
    title: `/${command.name} — ${command.description}`,
    body: [
      `Command /${command.name} (${command.category}${extension ? `, extension ${extension}` : ''}): ${command.description}.`,
      command.help ?? '',
      options.length ? `Options: ${options.join('; ')}.` : 'No options.',
      who.length ? `Who: ${who.join(', ')}.` : 'Anyone can use it.',
      command.cooldown
        ? `Cooldown: ${command.cooldown.rate} per ${command.cooldown.per} s per ${command.cooldown.scope}.`
        : '',
      command.aliases?.length ? `Prefix aliases: ${command.aliases.join(', ')}.` : '',
      `Available as: ${registry.mode(command)}.`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

export function extensionPassage(extension: ExtensionDefinition): Passage {
  const m = extension.manifest;
  const list = (label: string, items: readonly string[]) =>
    items.length ? `${label}: ${items.join(', ')}.` : '';
  return {
    source: `extension:${m.name}`,
    title: `Extension ${m.name} ${m.version} — ${m.description}`,
    body: [
      `Extension (plugin) ${m.name} version ${m.version} by ${m.author}: ${m.description}.`,
      m.details,
      m.required
        ? 'Required: it cannot be disabled.'
        : `Enabled by default: ${m.enabledByDefault ? 'yes' : 'no'}.`,
      list(
        'Commands',
        m.commands.map((c) => `/${c}`),
      ),
      list('Listens to hook events', m.listensTo),
      list('Provides hook events', m.providesHooks),
      list('Scheduled task types', m.taskTypes),
      list(
        'Depends on',
        Object.entries(m.dependencies).map(([name, range]) => `${name} ${range}`),
      ),
      list('Conflicts with', m.conflicts),
      list(
        'Settings',
        Object.entries(m.settings).map(([key, meaning]) => `${key} (${meaning})`),
      ),
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

export function databasePassages(): Passage[] {
  const tables = (Object.values(schema) as unknown[])
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => getTableConfig(table));
  return [
    ...tables.map((t) => ({
      source: `database:${t.name}`,
      title: `D1 table ${t.name}`,
      body: `D1 (SQLite) table ${t.name}, columns: ${t.columns.map((c) => c.name).join(', ')}. Defined in worker/db/schema/ (drizzle); created by the migrations in migrations/.`,
    })),
    {
      source: 'database:migrations',
      title: 'D1 migrations',
      body: `The D1 database schema is changed by migrations generated with drizzle-kit (npm run db:generate) and applied with wrangler d1 migrations apply DB. This version expects: ${MIGRATION_NAMES.join(', ')}. /fw_migrations lists applied and pending ones.`,
    },
  ];
}

export function configPassage(): Passage {
  return {
    source: 'config:schema',
    title: 'Configuration variables, secrets and bindings',
    body: configSchemaEntries()
      .map((e) => `${e.name} (${e.kind}, ${e.presence}): ${e.meaning}`)
      .join('\n'),
  };
}

export function slashUsagePassage(registry: Registry): Passage {
  const usage = registry.slashUsage;
  return {
    source: 'registry:slash-usage',
    title: 'Slash command usage and the limit of 100',
    body: `Discord allows ${usage.max} slash commands per application. This bot registers ${usage.used} (warning at ${usage.warningLimit}, safe limit ${usage.safeLimit}, status ${usage.status}). Past the safe limit further commands stay prefix-only: ${usage.blocked.map((c) => c.name).join(', ') || 'none are'}. Slash commands: ${registry.slashEntries.map((e) => (e.isGroup ? `/${e.name} (${e.commands.map((c) => c.name.slice(e.name.length + 1)).join(', ')})` : `/${e.name}`)).join(', ')}. /slashlimit shows this; /sync registers them.`,
  };
}

export function staticPassages(registry: Registry, docs: readonly BundledDoc[]): Passage[] {
  return [
    ...docs.flatMap((doc) => markdownPassages(doc.path, doc.text)),
    ...registry.commands.map((command) => commandPassage(command, registry)),
    ...registry.extensions.map(extensionPassage),
    configPassage(),
    slashUsagePassage(registry),
    ...databasePassages(),
  ];
}
