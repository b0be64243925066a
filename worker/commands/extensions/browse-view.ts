import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import type { ExtensionDefinition } from '../../extensions/extension';
import type { ComponentHandle } from '../../framework/command';
import type { Invoker } from '../../framework/context';
import { colours } from '../../framework/embeds';
import type { ReplyMessage } from '../../framework/reply';
import { guildStateOf, STATE_LABEL } from './extension-state';

export const BROWSE_PAGE_SIZE = 5;
/** Search results shown as fields; the menu offers up to 25. */
export const SEARCH_SHOWN = 10;

export interface BrowseComponents {
  page: ComponentHandle<'ext.browse/:page'>;
  open: ComponentHandle<'ext.open/:back'>;
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

function field(extension: ExtensionDefinition, states: ReadonlyMap<string, boolean> | null) {
  const m = extension.manifest;
  const state = guildStateOf(extension, states);
  const count = extension.commands.length;
  return {
    name: `${state ? `${STATE_LABEL[state].split(' ')[0]} ` : ''}${m.name} · v${m.version}`,
    value: `${m.description}\n${count} command${count === 1 ? '' : 's'} · by ${m.author}`.slice(0, 1024),
  };
}

/** A menu to open one of `list`; `back` is the browse page to return to ('0': none). */
function openMenu(
  list: readonly ExtensionDefinition[],
  back: string,
  invoker: Invoker,
  c: BrowseComponents,
): Row {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: c.open.id(invoker, { back }),
        placeholder: '🧩 Open an extension…',
        options: list.slice(0, 25).map((e) => ({
          label: e.manifest.name,
          value: e.manifest.name,
          description: e.manifest.description.slice(0, 100),
        })),
      },
    ],
  };
}

/** /extensions browse: five a page, a menu to open one, and Previous / Next for the invoker. */
export function browseView(
  extensions: readonly ExtensionDefinition[],
  states: ReadonlyMap<string, boolean> | null,
  requestedPage: number,
  invoker: Invoker,
  c: BrowseComponents,
): ReplyMessage {
  const pages = Math.max(1, Math.ceil(extensions.length / BROWSE_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const shown = extensions.slice((page - 1) * BROWSE_PAGE_SIZE, page * BROWSE_PAGE_SIZE);
  const embed: APIEmbed = {
    title: '🧩 Extensions',
    color: colours.info,
    description: `${extensions.length} extension${extensions.length === 1 ? '' : 's'} bundled with this bot · page ${page}/${pages}`,
    fields: shown.map((e) => field(e, states)),
    footer: { text: '🔒 required · 🟢 enabled here · ⚪ disabled here' },
  };
  const components: Row[] = shown.length ? [openMenu(shown, String(page), invoker, c)] : [];
  if (pages > 1) {
    components.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: '◀ Previous',
          custom_id: c.page.id(invoker, { page: String(page - 1) }),
          disabled: page <= 1,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: 'Next ▶',
          custom_id: c.page.id(invoker, { page: String(page + 1) }),
          disabled: page >= pages,
        },
      ],
    });
  }
  return { embeds: [embed], components };
}

/** /extensions search: the matches, the first ten shown, a menu to open any of the first 25. */
export function searchView(
  matches: readonly ExtensionDefinition[],
  query: string,
  states: ReadonlyMap<string, boolean> | null,
  invoker: Invoker,
  c: BrowseComponents,
): ReplyMessage {
  const title = `🔎 Extensions matching "${query.slice(0, 60)}"`;
  if (!matches.length) {
    return {
      embeds: [
        {
          title,
          color: colours.warning,
          description:
            'No extension matches. Search looks at names, descriptions and details; `/extensions browse` lists them all.',
        },
      ],
      ephemeral: true,
    };
  }
  const more =
    matches.length > SEARCH_SHOWN ? ` · showing ${SEARCH_SHOWN}, refine the search for the rest` : '';
  return {
    embeds: [
      {
        title,
        color: colours.info,
        description: `${matches.length} match${matches.length === 1 ? '' : 'es'}${more}`,
        fields: matches.slice(0, SEARCH_SHOWN).map((e) => field(e, states)),
      },
    ],
    components: [openMenu(matches, '0', invoker, c)],
  };
}

/** The Back button under an opened extension. */
export function backRow(back: string, invoker: Invoker, c: BrowseComponents): Row[] {
  if (back === '0') return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: '◀ Back to the list',
          custom_id: c.page.id(invoker, { page: back }),
        },
      ],
    },
  ];
}
