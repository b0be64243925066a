import { type APIEmbed, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { AnyCommand, ComponentHandle } from '../../framework/command';
import type { Invoker } from '../../framework/context';
import { colours } from '../../framework/embeds';
import { usage } from '../../framework/option-values';
import type { Registry, SlashMode } from '../../framework/registry';
import type { ReplyMessage } from '../../framework/reply';

export const HELP_PAGE_SIZE = 5;
export const HELP_TTL_SECONDS = 180;

const indicator: Record<SlashMode, string> = { both: '⚡', prefix: '🔸', 'prefix-limit': '🔹', slash: '✳️' };
export const HELP_LEGEND =
  '⚡ slash and prefix · 🔸 prefix only · 🔹 prefix only (slash-command limit reached) · ✳️ slash only';

export interface HelpComponents {
  category: ComponentHandle<'help.cat'>;
  page: ComponentHandle<'help.page/:category/:page'>;
  home: ComponentHandle<'help.home'>;
}

/** The commands this user may run, grouped by category in definition order. */
export function visibleCategories(registry: Registry, invoker: Invoker): Map<string, AnyCommand[]> {
  const groups = new Map<string, AnyCommand[]>();
  for (const command of registry.commands) {
    if (command.ownerOnly && !invoker.isBotOwner) continue;
    const list = groups.get(command.category) ?? [];
    list.push(command);
    groups.set(command.category, list);
  }
  return groups;
}

function categorySelect(
  groups: Map<string, AnyCommand[]>,
  invoker: Invoker,
  c: HelpComponents,
  current?: string,
) {
  return {
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.StringSelect as const,
        custom_id: c.category.id(invoker, {}),
        placeholder: '📂 Choose a category…',
        options: [...groups.entries()].slice(0, 25).map(([name, list]) => ({
          label: name.slice(0, 100),
          value: name.slice(0, 100),
          description: `${list.length} command${list.length === 1 ? '' : 's'}`,
          emoji: { name: '📖' },
          default: name === current,
        })),
      },
    ],
  };
}

export function helpHome(
  registry: Registry,
  invoker: Invoker,
  prefix: { prefix: string; mentionEnabled: boolean },
  botName: string,
  c: HelpComponents,
): ReplyMessage {
  const groups = visibleCategories(registry, invoker);
  const how = prefix.mentionEnabled ? `\`${prefix.prefix}\` or @${botName}` : `\`${prefix.prefix}\``;
  const embed: APIEmbed = {
    title: '📚 Help',
    color: colours.info,
    description: [
      `**Categories:** ${groups.size}`,
      `**Prefix here:** ${how} · slash commands: \`/\``,
      '',
      'Pick a category below to see its commands.',
    ].join('\n'),
    fields: [...groups.entries()].map(([name, list]) => ({
      name: `📖 ${name}`,
      value: list
        .map((cmd) => `\`${cmd.name}\``)
        .join(' ')
        .slice(0, 1024),
    })),
    footer: { text: HELP_LEGEND },
    timestamp: new Date().toISOString(),
  };
  if (groups.size === 0) {
    return { embeds: [{ ...embed, description: 'No commands are available to you.', fields: [] }] };
  }
  return { embeds: [embed], components: [categorySelect(groups, invoker, c)] };
}

export function helpCategory(
  registry: Registry,
  invoker: Invoker,
  category: string,
  requestedPage: number,
  prefix: string,
  c: HelpComponents,
): ReplyMessage | null {
  const groups = visibleCategories(registry, invoker);
  const list = groups.get(category);
  if (!list) return null;
  const pages = Math.max(1, Math.ceil(list.length / HELP_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const shown = list.slice((page - 1) * HELP_PAGE_SIZE, page * HELP_PAGE_SIZE);
  const embed: APIEmbed = {
    title: `📂 ${category}`,
    color: colours.info,
    description: `**Commands:** ${list.length} · **Page** ${page}/${pages}`,
    fields: shown.map((cmd) => {
      const mode = registry.mode(cmd);
      const forms = [
        mode === 'both' || mode === 'slash' ? `\`/${cmd.name}\`` : null,
        mode !== 'slash' ? `\`${usage(cmd, prefix)}\`` : null,
      ].filter(Boolean);
      const aliases = cmd.aliases?.length
        ? `\nAliases: ${cmd.aliases.map((a) => `\`${a}\``).join(', ')}`
        : '';
      return {
        name: `${indicator[mode]} ${cmd.name}`,
        value: `${cmd.description}${cmd.help ? `\n${cmd.help}` : ''}\n${forms.join(' · ')}${aliases}`.slice(
          0,
          1024,
        ),
      };
    }),
    footer: { text: HELP_LEGEND },
    timestamp: new Date().toISOString(),
  };
  const buttons = [
    ...(pages > 1
      ? [
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Secondary as const,
            label: '◀ Previous',
            custom_id: c.page.id(invoker, { category, page: String(page - 1) }),
            disabled: page <= 1,
          },
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Secondary as const,
            label: 'Next ▶',
            custom_id: c.page.id(invoker, { category, page: String(page + 1) }),
            disabled: page >= pages,
          },
        ]
      : []),
    {
      type: ComponentType.Button as const,
      style: ButtonStyle.Primary as const,
      label: '🏠 Back',
      custom_id: c.home.id(invoker, {}),
    },
  ];
  return {
    embeds: [embed],
    components: [
      categorySelect(groups, invoker, c, category),
      { type: ComponentType.ActionRow, components: buttons },
    ],
  };
}
