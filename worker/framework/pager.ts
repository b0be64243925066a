import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';

/**
 * The ◀ Previous / Next ▶ row of a paged message: `idFor(n)` is the custom id that opens page n (usually a
 * component bound to the invoker). The buttons are disabled at the ends.
 */
export function pagerRow(
  page: number,
  pages: number,
  idFor: (page: number) => string,
  labels: { previous: string; next: string } = { previous: '◀ Previous', next: 'Next ▶' },
): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: labels.previous,
        custom_id: idFor(page - 1),
        disabled: page <= 1,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: labels.next,
        custom_id: idFor(page + 1),
        disabled: page >= pages,
      },
    ],
  };
}
