/**
 * Message components as numbered terminal lines: `[1] ◀ Previous   [2] Next ▶` for buttons and a
 * numbered option list for each select menu. Numbers come from `indexComponents`, which `press` and
 * `select` use too.
 */
import {
  type APIButtonComponent,
  type APIMessageComponentEmoji,
  type APISelectMenuComponent,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import {
  type AnyMessageComponent,
  type ComponentIndex,
  childComponents,
  indexComponents,
  isSelect,
} from '../component-index';
import { renderMarkdown } from './markdown';
import type { RenderOptions } from './options';
import { indent, wrapText } from './text';

const STYLE_COLOURS: Partial<Record<ButtonStyle, number>> = {
  [ButtonStyle.Primary]: 0x5865f2,
  [ButtonStyle.Secondary]: 0x99aab5,
  [ButtonStyle.Success]: 0x57f287,
  [ButtonStyle.Danger]: 0xed4245,
};

export function emojiText(emoji: APIMessageComponentEmoji | undefined): string {
  if (!emoji) return '';
  if (emoji.id) return `:${emoji.name ?? 'emoji'}:`;
  return emoji.name ?? '';
}

function joinLabel(emoji: APIMessageComponentEmoji | undefined, label: string | undefined): string {
  return [emojiText(emoji), label ?? ''].filter((part) => part !== '').join(' ');
}

export function renderButton(button: APIButtonComponent, number: number, options: RenderOptions): string {
  const { paint } = options;
  let text: string;
  if (button.style === ButtonStyle.Premium) {
    text = `[${number}] ✦ Premium (${button.sku_id})`;
  } else {
    const label = joinLabel(button.emoji, button.label) || '(no label)';
    text = `[${number}] ${label}`;
    if (button.style === ButtonStyle.Link) text += ` ↗ ${button.url}`;
  }
  if (button.disabled) return paint.dim(`${text} (disabled)`);
  const colour = STYLE_COLOURS[button.style];
  if (colour !== undefined) return paint.rgb(colour, text);
  return button.style === ButtonStyle.Link ? paint.underline(text) : text;
}

const SELECT_KINDS: Partial<Record<ComponentType, string>> = {
  [ComponentType.UserSelect]: 'user',
  [ComponentType.RoleSelect]: 'role',
  [ComponentType.MentionableSelect]: 'user or role',
  [ComponentType.ChannelSelect]: 'channel',
};

function pickRange(select: APISelectMenuComponent): string {
  const min = select.min_values ?? 1;
  const max = select.max_values ?? 1;
  return min === max ? `pick ${min}` : `pick ${min}–${max}`;
}

export function renderSelect(
  select: APISelectMenuComponent,
  number: number,
  options: RenderOptions,
): string[] {
  const { paint } = options;
  const title = select.placeholder ?? 'Make a selection';
  let head = `▾ select ${number}: ${title} (${pickRange(select)})`;
  if (select.disabled) head += ' (disabled)';
  const lines = [select.disabled ? paint.dim(head) : paint.bold(head)];
  if (select.type === ComponentType.StringSelect) {
    select.options.forEach((option, i) => {
      let line = `${i + 1}. ${joinLabel(option.emoji, option.label)}`;
      if (option.description) line += paint.dim(` — ${option.description}`);
      if (option.default) line += ' ✓';
      lines.push(`    ${line}`);
    });
  } else {
    const kind = SELECT_KINDS[select.type] ?? 'value';
    lines.push(
      paint.dim(
        `    choose ${kind}s by name, e.g. select ${number} ${kind === 'channel' ? '#general' : '@ada'}`,
      ),
    );
  }
  return lines;
}

/** One component and its children, as lines. Action rows of buttons share a line. */
function renderComponent(
  component: AnyMessageComponent,
  index: ComponentIndex,
  options: RenderOptions,
): string[] {
  const { paint } = options;
  const buttonNumber = (button: APIButtonComponent) => index.buttons.indexOf(button) + 1;
  if (component.type === ComponentType.Button)
    return [renderButton(component, buttonNumber(component), options)];
  if (isSelect(component)) return renderSelect(component, index.selects.indexOf(component) + 1, options);
  switch (component.type) {
    case ComponentType.ActionRow: {
      const lines: string[] = [];
      let buttons: string[] = [];
      for (const child of component.components) {
        if (child.type === ComponentType.Button) {
          buttons.push(renderButton(child, buttonNumber(child), options));
          continue;
        }
        if (buttons.length > 0) lines.push(buttons.join('   '));
        buttons = [];
        lines.push(...renderComponent(child, index, options));
      }
      if (buttons.length > 0) lines.push(buttons.join('   '));
      return lines;
    }
    case ComponentType.TextDisplay:
      return wrapText(renderMarkdown(component.content, options), options.width);
    case ComponentType.Section:
      return childComponents(component).flatMap((child) => renderComponent(child, index, options));
    case ComponentType.Container: {
      const inner = { ...options, width: options.width - 2 };
      const bar = component.accent_color != null ? paint.rgb(component.accent_color, '┃') : paint.dim('┃');
      const body = component.components.flatMap((child) =>
        renderComponent(child as AnyMessageComponent, index, inner),
      );
      return indent(body, `${bar} `);
    }
    case ComponentType.Separator:
      return [component.divider === false ? '' : paint.dim('─'.repeat(Math.min(options.width, 40)))];
    case ComponentType.Thumbnail:
      return [paint.dim(`🖼 ${component.media.url}`)];
    case ComponentType.MediaGallery:
      return component.items.map((item) => paint.dim(`🖼 ${item.media.url}`));
    case ComponentType.File:
      return [paint.dim(`📎 ${component.file.url}`)];
    default:
      return [paint.dim(`(component type ${(component as { type: number }).type})`)];
  }
}

/** Renders a message's components; empty when there are none. */
export function renderComponents(
  components: readonly AnyMessageComponent[] | undefined,
  options: RenderOptions,
): string[] {
  if (!components || components.length === 0) return [];
  const index = indexComponents(components);
  return components.flatMap((component) => renderComponent(component, index, options));
}
