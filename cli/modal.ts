/** A modal's text inputs, and the data of the modal submit (type 5) built from the answers. */
import { ComponentType } from 'discord-api-types/v10';

interface LooseComponent {
  type: number;
  id?: number;
  custom_id?: string;
  label?: string;
  required?: boolean;
  component?: LooseComponent;
  components?: LooseComponent[];
}

export interface ModalField {
  custom_id: string;
  label: string;
  required: boolean;
  /** The id of the Label component (type 18) wrapping the input, when the modal uses labels. */
  labelId?: number;
  inLabel: boolean;
}

/** Text inputs in order, whether in action rows (classic) or in labels (newer modals). */
export function modalFields(components: readonly unknown[]): ModalField[] {
  const fields: ModalField[] = [];
  const visit = (component: LooseComponent, label?: LooseComponent) => {
    if (component.type === ComponentType.TextInput && component.custom_id) {
      const field: ModalField = {
        custom_id: component.custom_id,
        label: component.label ?? label?.label ?? component.custom_id,
        required: component.required !== false,
        inLabel: label !== undefined,
      };
      if (label?.id !== undefined) field.labelId = label.id;
      fields.push(field);
      return;
    }
    if (component.type === ComponentType.Label && component.component) visit(component.component, component);
    for (const child of component.components ?? []) visit(child, label);
  };
  for (const component of components as LooseComponent[]) visit(component);
  return fields;
}

/** `data` of a modal submit interaction: answers mirror the modal's layout. */
export function modalSubmitData(customId: string, fields: readonly ModalField[], answers: readonly string[]) {
  const components = fields.map((field, i) => {
    const input = { type: ComponentType.TextInput, custom_id: field.custom_id, value: answers[i] ?? '' };
    if (field.inLabel) {
      return field.labelId === undefined
        ? { type: ComponentType.Label, component: input }
        : { type: ComponentType.Label, id: field.labelId, component: input };
    }
    return { type: ComponentType.ActionRow, components: [input] };
  });
  return { custom_id: customId, components };
}
