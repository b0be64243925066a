import { MessageFlags } from 'discord-api-types/v10';
import { type ErrorPath, FormErrors, isRecord } from './form-errors';
import { errors } from './http';

/**
 * Validates a message body the bot sends (channel message, interaction response, follow-up, edit) the way Discord
 * does: content ≤2000, ≤10 embeds with the documented embed limits (`developers/resources/message.mdx`,
 * "Embed Limits"), component layout and sizes (`developers/components/reference.mdx`), and the empty-message
 * rule. Throws 400 50035 with nested `errors`, or 400 50006.
 */
export interface MessageValidationOptions {
  /** Edits may omit everything; the empty check is done on the merged result instead. */
  partial?: boolean;
}

const EMBED_TOTAL = 6000;
const V2_MAX_COMPONENTS = 40;

export function validateMessageBody(body: unknown, options: MessageValidationOptions = {}): void {
  if (!isRecord(body))
    throw errors.invalidFormBody({
      _errors: [{ code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }],
    });
  const form = new FormErrors();
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const v2 = (flags & MessageFlags.IsComponentsV2) !== 0;

  if (body.content !== undefined && body.content !== null) {
    if (typeof body.content !== 'string') form.add(['content'], 'BASE_TYPE_STRING', 'Must be a string.');
    else form.maxLength(['content'], body.content, 2000);
  }
  if (typeof body.nonce === 'string') form.maxLength(['nonce'], body.nonce, 25);
  if (body.embeds !== undefined && body.embeds !== null) validateEmbeds(form, body.embeds);
  if (body.components !== undefined && body.components !== null) {
    if (v2) validateV2Components(form, body.components);
    else validateLegacyComponents(form, body.components);
  }
  if (v2) {
    if (typeof body.content === 'string' && body.content.length > 0) {
      form.add(
        ['content'],
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    }
    if (Array.isArray(body.embeds) && body.embeds.length > 0) {
      form.add(
        ['embeds'],
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    }
  }
  form.throwIfAny();
  if (!options.partial && isEmptyMessage(body)) throw errors.emptyMessage();
}

export function isEmptyMessage(body: Record<string, unknown>): boolean {
  const nonEmptyArray = (value: unknown) => Array.isArray(value) && value.length > 0;
  const content = typeof body.content === 'string' ? body.content.trim() : '';
  return (
    content.length === 0 &&
    !nonEmptyArray(body.embeds) &&
    !nonEmptyArray(body.components) &&
    !nonEmptyArray(body.sticker_ids) &&
    !nonEmptyArray(body.attachments) &&
    !nonEmptyArray(body.files) &&
    !isRecord(body.poll)
  );
}

function validateEmbeds(form: FormErrors, embeds: unknown): void {
  if (!Array.isArray(embeds)) {
    form.add(['embeds'], 'BASE_TYPE_LIST', 'Must be a list.');
    return;
  }
  form.maxItems(['embeds'], embeds, 10);
  let total = 0;
  const length = (value: unknown) => (typeof value === 'string' ? [...value].length : 0);
  embeds.forEach((embed, i) => {
    if (!isRecord(embed)) {
      form.add(['embeds', i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    form.maxLength(['embeds', i, 'title'], embed.title, 256);
    form.maxLength(['embeds', i, 'description'], embed.description, 4096);
    total += length(embed.title) + length(embed.description);
    if (isRecord(embed.footer)) {
      form.maxLength(['embeds', i, 'footer', 'text'], embed.footer.text, 2048);
      total += length(embed.footer.text);
    }
    if (isRecord(embed.author)) {
      form.maxLength(['embeds', i, 'author', 'name'], embed.author.name, 256);
      total += length(embed.author.name);
    }
    if (embed.fields !== undefined) {
      if (!Array.isArray(embed.fields)) {
        form.add(['embeds', i, 'fields'], 'BASE_TYPE_LIST', 'Must be a list.');
        return;
      }
      form.maxItems(['embeds', i, 'fields'], embed.fields, 25);
      embed.fields.forEach((field: unknown, j: number) => {
        const path: ErrorPath = ['embeds', i, 'fields', j];
        if (!isRecord(field)) {
          form.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
          return;
        }
        if (form.required([...path, 'name'], field.name)) form.maxLength([...path, 'name'], field.name, 256);
        if (form.required([...path, 'value'], field.value))
          form.maxLength([...path, 'value'], field.value, 1024);
        total += length(field.name) + length(field.value);
      });
    }
  });
  if (total > EMBED_TOTAL) {
    form.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${EMBED_TOTAL}`);
  }
}

const BUTTON = 2;
const SELECTS = new Set([3, 5, 6, 7, 8]);

function validateLegacyComponents(form: FormErrors, components: unknown): void {
  if (!Array.isArray(components)) {
    form.add(['components'], 'BASE_TYPE_LIST', 'Must be a list.');
    return;
  }
  form.maxItems(['components'], components, 5);
  const seen = new Set<string>();
  components.forEach((row, i) => {
    if (!isRecord(row) || row.type !== 1) {
      form.add(['components', i, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      return;
    }
    validateActionRow(form, row, ['components', i], seen);
  });
}

function validateActionRow(
  form: FormErrors,
  row: Record<string, unknown>,
  path: ErrorPath,
  seen: Set<string>,
): void {
  const children = row.components;
  if (!Array.isArray(children) || children.length === 0) {
    form.add([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    return;
  }
  form.maxItems([...path, 'components'], children, 5);
  const hasSelect = children.some((c) => isRecord(c) && SELECTS.has(Number(c.type)));
  if (hasSelect && children.length > 1) {
    form.add(
      [...path, 'components'],
      'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
      'The specified component exceeds the maximum width',
    );
  }
  children.forEach((child, j) => {
    validateInteractive(form, child, [...path, 'components', j], seen);
  });
}

function validateInteractive(form: FormErrors, component: unknown, path: ErrorPath, seen: Set<string>): void {
  if (!isRecord(component)) {
    form.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const type = Number(component.type);
  if (type === BUTTON) {
    form.maxLength([...path, 'label'], component.label, 80);
    if (component.style === 5) {
      form.required([...path, 'url'], component.url);
      return;
    }
    if (component.style === 6) return;
    checkCustomId(form, component.custom_id, path, seen);
    return;
  }
  if (SELECTS.has(type)) {
    checkCustomId(form, component.custom_id, path, seen);
    form.maxLength([...path, 'placeholder'], component.placeholder, 150);
    if (type === 3) {
      const options = component.options;
      if (!Array.isArray(options) || options.length < 1 || options.length > 25) {
        form.add([...path, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
      } else {
        options.forEach((option: unknown, k: number) => {
          if (!isRecord(option)) return;
          form.maxLength([...path, 'options', k, 'label'], option.label, 100);
          form.maxLength([...path, 'options', k, 'value'], option.value, 100);
          form.maxLength([...path, 'options', k, 'description'], option.description, 100);
        });
      }
    }
    return;
  }
  if (typeof component.custom_id === 'string') checkCustomId(form, component.custom_id, path, seen);
}

function checkCustomId(form: FormErrors, customId: unknown, path: ErrorPath, seen: Set<string>): void {
  if (!form.required([...path, 'custom_id'], customId)) return;
  form.maxLength([...path, 'custom_id'], customId, 100);
  const id = String(customId);
  if (seen.has(id)) {
    form.add(
      [...path, 'custom_id'],
      'COMPONENT_CUSTOM_ID_DUPLICATED',
      'Component custom id cannot be duplicated',
    );
  }
  seen.add(id);
}

/** Components V2: any layout; check ids and sizes everywhere and the 40-component total. */
function validateV2Components(form: FormErrors, components: unknown): void {
  if (!Array.isArray(components)) {
    form.add(['components'], 'BASE_TYPE_LIST', 'Must be a list.');
    return;
  }
  const seen = new Set<string>();
  let total = 0;
  const walk = (component: unknown, path: ErrorPath): void => {
    if (!isRecord(component)) return;
    total += 1;
    if (component.type === 1) {
      validateActionRow(form, component, path, seen);
      total += Array.isArray(component.components) ? component.components.length : 0;
      return;
    }
    if (component.type === BUTTON || SELECTS.has(Number(component.type))) {
      validateInteractive(form, component, path, seen);
    }
    if (Array.isArray(component.components)) {
      for (const [i, child] of component.components.entries()) walk(child, [...path, 'components', i]);
    }
    if (isRecord(component.accessory)) walk(component.accessory, [...path, 'accessory']);
    if (isRecord(component.component)) walk(component.component, [...path, 'component']);
  };
  for (const [i, c] of components.entries()) walk(c, ['components', i]);
  if (total > V2_MAX_COMPONENTS) {
    form.add(['components'], 'BASE_TYPE_MAX_LENGTH', `Must be ${V2_MAX_COMPONENTS} or fewer in length.`);
  }
}
