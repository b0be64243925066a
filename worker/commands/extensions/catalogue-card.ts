import type { APIEmbed } from 'discord-api-types/v10';
import type { ExtensionDefinition } from '../../extensions/extension';
import { colours } from '../../framework/embeds';
import { codeList, type GuildState, STATE_LABEL } from './extension-state';

/** The catalogue's view of one extension (/extensions info and the browse menu). */
export function catalogueCard(extension: ExtensionDefinition, state: GuildState | null): APIEmbed {
  const m = extension.manifest;
  const description = [m.description, m.details].filter(Boolean).join('\n\n');
  const dependencies = Object.entries(m.dependencies).map(([name, range]) => `${name} ${range}`);
  const settings = Object.entries(m.settings).map(([key, text]) => `\`${key}\` · ${text}`);
  return {
    title: `🧩 ${m.name}`,
    color: colours.info,
    description: description.length > 4000 ? `${description.slice(0, 3999)}…` : description,
    fields: [
      ...(state ? [{ name: 'In this server', value: STATE_LABEL[state], inline: true }] : []),
      { name: 'Version', value: m.version, inline: true },
      { name: 'Author', value: m.author, inline: true },
      {
        name: `Commands (${extension.commands.length})`,
        value: codeList(extension.commands.map((c) => `/${c.name}`)),
      },
      { name: 'Depends on', value: codeList(dependencies, 'Nothing'), inline: true },
      { name: 'Conflicts with', value: codeList(m.conflicts, 'Nothing'), inline: true },
      ...(m.listensTo.length ? [{ name: 'Listens to', value: codeList(m.listensTo), inline: true }] : []),
      ...(m.taskTypes.length
        ? [{ name: 'Scheduled-task types', value: codeList(m.taskTypes), inline: true }]
        : []),
      ...(settings.length ? [{ name: 'Settings', value: settings.join('\n').slice(0, 1024) }] : []),
    ],
    footer: {
      text: m.required
        ? 'Part of the bot: always enabled'
        : `${m.enabledByDefault ? 'Enabled' : 'Disabled'} by default · Manage Server can change it with /extensions`,
    },
  };
}
