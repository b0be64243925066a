import type { APIEmbed } from 'discord-api-types/v10';
import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { configSchemaEntries, type SchemaEntry } from '../config-report';

const line = (e: SchemaEntry) => `\`${e.name}\` · ${e.accepts} · ${e.presence}\n  ${e.meaning}`;

/** Variables, secrets and bindings as three embeds (each description well under 4,096 characters). */
export function schemaEmbeds(entries: SchemaEntry[]): APIEmbed[] {
  const group = (kind: SchemaEntry['kind'], title: string): APIEmbed => {
    const rows = entries.filter((e) => e.kind === kind);
    return {
      title: `${title} (${rows.length})`,
      color: colours.info,
      description: rows.map(line).join('\n'),
    };
  };
  return [
    group('variable', '⚙️ Variables'),
    group('secret', '🔑 Secrets (`wrangler secret put`)'),
    group('binding', '🔗 Bindings (wrangler.toml)'),
  ];
}

export const fwConfigSchema = defineCommand({
  name: 'fw_config_schema',
  description: 'Every configuration name the worker reads: what it accepts and its default',
  category: 'Diagnostics',
  ownerOnly: true,
  run() {
    return reply.message({ ephemeral: true, embeds: schemaEmbeds(configSchemaEntries()) });
  },
});
