import { type ErrorPath, type FormErrors, isRecord } from './form-errors';

/**
 * Application command validation (`developers/interactions/application-commands.mdx`): names, descriptions,
 * options (≤25, nested), choices (≤25). Limits per type: 100 CHAT_INPUT, 15 USER, 15 MESSAGE.
 */
export const COMMAND_LIMITS: Record<number, number> = { 1: 100, 2: 15, 3: 15, 4: 1 };

/** "combined name, description, and value properties for each command, its options … and choices". */
const MAX_COMMAND_SIZE = 8000;

function commandSize(node: Record<string, unknown>): number {
  let size = String(node.name ?? '').length + String(node.description ?? '').length;
  if (Array.isArray(node.choices))
    for (const choice of node.choices)
      if (isRecord(choice)) size += String(choice.name ?? '').length + String(choice.value ?? '').length;
  if (Array.isArray(node.options))
    for (const option of node.options) if (isRecord(option)) size += commandSize(option);
  return size;
}

const CHAT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export function validateCommand(form: FormErrors, body: unknown, path: ErrorPath): void {
  if (!isRecord(body)) {
    form.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const type = body.type === undefined ? 1 : body.type;
  if (typeof type !== 'number' || !(type in COMMAND_LIMITS)) {
    form.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.');
    return;
  }
  if (form.required([...path, 'name'], body.name)) {
    const name = String(body.name);
    if (type === 1 && (!CHAT_NAME.test(name) || name !== name.toLowerCase())) {
      form.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    } else if ([...name].length > 32) {
      form.add([...path, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
    }
  }
  if (type === 1) {
    if (form.required([...path, 'description'], body.description)) {
      form.maxLength([...path, 'description'], body.description, 100);
    }
    if (body.options !== undefined) validateOptions(form, body.options, [...path, 'options']);
    if (commandSize(body) > MAX_COMMAND_SIZE)
      form.add(path, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${MAX_COMMAND_SIZE})`);
  } else if (typeof body.description === 'string' && body.description.length > 0) {
    form.add(
      [...path, 'description'],
      'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
      'Context menu commands cannot have description',
    );
  }
}

function validateOptions(form: FormErrors, options: unknown, path: ErrorPath): void {
  if (!Array.isArray(options)) {
    form.add(path, 'BASE_TYPE_LIST', 'Must be a list.');
    return;
  }
  form.maxItems(path, options, 25);
  const names = new Set<string>();
  options.forEach((option: unknown, i: number) => {
    const at = [...path, i];
    if (!isRecord(option)) {
      form.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    if (typeof option.type !== 'number' || option.type < 1 || option.type > 11) {
      form.add(
        [...at, 'type'],
        'BASE_TYPE_CHOICES',
        'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.',
      );
    }
    if (form.required([...at, 'name'], option.name)) {
      const name = String(option.name);
      if (!CHAT_NAME.test(name) || name !== name.toLowerCase()) {
        form.add([...at, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
      }
      if (names.has(name)) {
        form.add(
          [...at, 'name'],
          'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          'Option names must be unique',
        );
      }
      names.add(name);
    }
    if (form.required([...at, 'description'], option.description)) {
      form.maxLength([...at, 'description'], option.description, 100);
    }
    if (option.choices !== undefined) {
      form.maxItems([...at, 'choices'], option.choices, 25);
      if (Array.isArray(option.choices)) {
        option.choices.forEach((choice: unknown, j: number) => {
          if (isRecord(choice)) form.maxLength([...at, 'choices', j, 'name'], choice.name, 100);
        });
      }
    }
    if (option.options !== undefined) validateOptions(form, option.options, [...at, 'options']);
  });
}
