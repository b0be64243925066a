/**
 * `press <n>` and `select <n> <picks…>` as the data of a message component interaction (type 3):
 * the numbered component's custom_id, its component type and, for selects, the chosen values.
 */
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { type AnyMessageComponent, indexComponents } from './component-index';
import { fail, ok, type Result } from './result';

export interface ComponentData {
  custom_id: string;
  component_type: ComponentType;
  values?: string[];
}

/** Resolves a typed pick of an auto-populated select (a user, role or channel name) to an id. */
export type PickResolver = (
  kind:
    | ComponentType.UserSelect
    | ComponentType.RoleSelect
    | ComponentType.MentionableSelect
    | ComponentType.ChannelSelect,
  query: string,
) => { id: string; type?: number } | undefined;

function parseNumber(text: string, what: string, count: number): Result<number> {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) return fail(`${what} numbers start at 1; got "${text}"`);
  if (n > count)
    return fail(
      count === 0
        ? `there is no ${what} here`
        : `there ${count === 1 ? 'is 1' : `are ${count}`} ${what}${count === 1 ? '' : 's'}; no ${what} ${n}`,
    );
  return ok(n);
}

export function pressButton(
  components: readonly AnyMessageComponent[] | undefined,
  number: string,
): Result<ComponentData> {
  const { buttons } = indexComponents(components);
  const n = parseNumber(number, 'button', buttons.length);
  if (!n.ok) return n;
  const button = buttons[n.value - 1]!;
  if (button.disabled) return fail(`button ${n.value} is disabled`);
  if (button.style === ButtonStyle.Link) return fail(`button ${n.value} is a link: ${button.url}`);
  if (button.style === ButtonStyle.Premium) return fail(`button ${n.value} is a premium purchase button`);
  return ok({ custom_id: button.custom_id, component_type: ComponentType.Button });
}

export function chooseInSelect(
  components: readonly AnyMessageComponent[] | undefined,
  number: string,
  picks: readonly string[],
  resolve: PickResolver,
): Result<ComponentData> {
  const { selects } = indexComponents(components);
  const n = parseNumber(number, 'select menu', selects.length);
  if (!n.ok) return n;
  const select = selects[n.value - 1]!;
  if (select.disabled) return fail(`select menu ${n.value} is disabled`);
  const values: string[] = [];
  if (select.type === ComponentType.StringSelect) {
    for (const pick of picks) {
      const option = parseNumber(pick, 'option', select.options.length);
      if (!option.ok) return option;
      const value = select.options[option.value - 1]!.value;
      if (values.includes(value)) return fail(`option ${pick} is picked twice`);
      values.push(value);
    }
  } else {
    const channelTypes = select.type === ComponentType.ChannelSelect ? select.channel_types : undefined;
    for (const pick of picks) {
      const found = resolve(select.type, pick);
      if (!found) return fail(`nothing called "${pick}" fits select menu ${n.value}`);
      if (channelTypes?.length && found.type !== undefined && !channelTypes.includes(found.type)) {
        return fail(`"${pick}" is not a kind of channel this menu accepts`);
      }
      if (!values.includes(found.id)) values.push(found.id);
    }
  }
  const min = select.min_values ?? 1;
  const max = select.max_values ?? 1;
  if (values.length < min || values.length > max) {
    const range = min === max ? `${min}` : `${min} to ${max}`;
    return fail(`select menu ${n.value} takes ${range} choice${max === 1 ? '' : 's'}; got ${values.length}`);
  }
  return ok({ custom_id: select.custom_id, component_type: select.type, values });
}
