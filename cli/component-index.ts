/**
 * Numbering of a message's interactive components, shared by the renderer ("[1] Next ▶") and by
 * `press`/`select`, so the number a person sees is the component they get. Buttons and select menus
 * are numbered separately, in reading order (rows top to bottom, left to right; containers and section
 * accessories included).
 */
import {
  type APIButtonComponent,
  type APIMessageComponent,
  type APIMessageTopLevelComponent,
  type APISelectMenuComponent,
  ComponentType,
} from 'discord-api-types/v10';

export type AnyMessageComponent = APIMessageComponent | APIMessageTopLevelComponent;

export interface ComponentIndex {
  buttons: APIButtonComponent[];
  selects: APISelectMenuComponent[];
}

export function isSelect(component: AnyMessageComponent): component is APISelectMenuComponent {
  return (
    component.type === ComponentType.StringSelect ||
    component.type === ComponentType.UserSelect ||
    component.type === ComponentType.RoleSelect ||
    component.type === ComponentType.MentionableSelect ||
    component.type === ComponentType.ChannelSelect
  );
}

/** Direct children of a layout component, in order. */
export function childComponents(component: AnyMessageComponent): AnyMessageComponent[] {
  switch (component.type) {
    case ComponentType.ActionRow:
    case ComponentType.Container:
      return component.components as AnyMessageComponent[];
    case ComponentType.Section:
      return [...(component.components as AnyMessageComponent[]), component.accessory as AnyMessageComponent];
    default:
      return [];
  }
}

export function indexComponents(components: readonly AnyMessageComponent[] | undefined): ComponentIndex {
  const index: ComponentIndex = { buttons: [], selects: [] };
  const visit = (component: AnyMessageComponent) => {
    if (component.type === ComponentType.Button) index.buttons.push(component);
    else if (isSelect(component)) index.selects.push(component);
    for (const child of childComponents(component)) visit(child);
  };
  for (const component of components ?? []) visit(component);
  return index;
}

export function hasInteractiveComponents(components: readonly AnyMessageComponent[] | undefined): boolean {
  const { buttons, selects } = indexComponents(components);
  return buttons.length + selects.length > 0;
}
