import type { APIApplicationCommand } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context';
import { FormErrors, isRecord } from '../form-errors';
import { errors, json, noContent, type Reply } from '../http';
import { COMMAND_LIMITS, validateCommand } from '../validate-command';
import { type AddRoute, bodyRecord, type RestRequest, requireGuild } from './route';

/**
 * Global and guild application commands: list, bulk overwrite (ids kept for unchanged name+type, `version` bumped
 * on change), create (201 new / 200 overwrite), get, edit, delete. Writes use the `commands` bucket.
 */
export function registerCommandRoutes(add: AddRoute): void {
  for (const scope of ['global', 'guild'] as const) {
    const base =
      scope === 'global' ? '/applications/:appId/commands' : '/applications/:appId/guilds/:guildId/commands';
    const major = scope === 'guild' ? ('guild' as const) : undefined;
    const route = (handler: (req: RestRequest, list: APIApplicationCommand[]) => Reply, write: boolean) => ({
      auth: 'bot' as const,
      ...(write ? { bucket: 'commands' as const } : {}),
      ...(major ? { major } : {}),
      handler: (req: RestRequest) => handler(req, commandList(req)),
    });
    add(
      'GET',
      base,
      route((_req, list) => json(200, structuredClone(list)), false),
    );
    add('PUT', base, route(bulkOverwrite, true));
    add('POST', base, route(create, true));
    add(
      'GET',
      `${base}/:commandId`,
      route((req, list) => json(200, structuredClone(find(req, list))), false),
    );
    add('PATCH', `${base}/:commandId`, route(edit, true));
    add(
      'DELETE',
      `${base}/:commandId`,
      route((req, list) => {
        list.splice(list.indexOf(find(req, list)), 1);
        return noContent();
      }, true),
    );
  }
}

function commandList({ ctx, params }: RestRequest): APIApplicationCommand[] {
  if (params.appId !== ctx.store.applicationId) throw errors.missingAccess();
  const commands = ctx.store.state.commands;
  if (!params.guildId) return commands.global;
  requireGuild(ctx, params.guildId);
  commands.guilds[params.guildId] ??= [];
  return commands.guilds[params.guildId]!;
}

function find({ params }: RestRequest, list: APIApplicationCommand[]): APIApplicationCommand {
  const command = list.find((c) => c.id === params.commandId);
  if (!command) throw errors.unknownCommand();
  return command;
}

function bulkOverwrite(req: RestRequest, list: APIApplicationCommand[]): Reply {
  if (!Array.isArray(req.body)) {
    throw errors.invalidFormBody({ _errors: [{ code: 'BASE_TYPE_LIST', message: 'Must be a list.' }] });
  }
  const form = new FormErrors();
  const seen = new Set<string>();
  req.body.forEach((body: unknown, i: number) => {
    validateCommand(form, body, [i]);
    if (isRecord(body)) {
      const key = `${body.type ?? 1}:${String(body.name)}`;
      if (seen.has(key))
        form.add(
          [i, 'name'],
          'APPLICATION_COMMANDS_DUPLICATE_NAME',
          'Application command names must be unique',
        );
      seen.add(key);
    }
  });
  form.throwIfAny();
  const bodies = req.body as Record<string, unknown>[];
  for (const [type, limit] of Object.entries(COMMAND_LIMITS)) {
    if (bodies.filter((b) => (b.type ?? 1) === Number(type)).length > limit) throw errors.maxCommands(limit);
  }
  const next = bodies.map((body) => {
    const existing = list.find((c) => c.name === body.name && (c.type ?? 1) === (body.type ?? 1));
    return buildCommand(req, body, existing);
  });
  list.splice(0, list.length, ...next);
  return json(200, structuredClone(next));
}

function create(req: RestRequest, list: APIApplicationCommand[]): Reply {
  const body = bodyRecord(req.body);
  const form = new FormErrors();
  validateCommand(form, body, []);
  form.throwIfAny();
  const type = Number(body.type ?? 1);
  const index = list.findIndex((c) => c.name === body.name && (c.type ?? 1) === type);
  if (index >= 0) {
    const command = buildCommand(req, body, list[index]);
    list[index] = command;
    return json(200, structuredClone(command));
  }
  const limit = COMMAND_LIMITS[type] ?? 100;
  if (list.filter((c) => (c.type ?? 1) === type).length >= limit) throw errors.maxCommands(limit);
  const command = buildCommand(req, body, undefined);
  list.push(command);
  return json(201, structuredClone(command));
}

function edit(req: RestRequest, list: APIApplicationCommand[]): Reply {
  const existing = find(req, list);
  const patch = bodyRecord(req.body);
  const merged: Record<string, unknown> = { ...structuredClone(existing), ...patch, type: existing.type };
  const form = new FormErrors();
  validateCommand(form, merged, []);
  form.throwIfAny();
  const command = buildCommand(req, merged, existing);
  list[list.indexOf(existing)] = command;
  return json(200, structuredClone(command));
}

/** The stored command object; keeps the id of `existing`, bumps `version` only when something changed. */
function buildCommand(
  { ctx, params }: RestRequest,
  body: Record<string, unknown>,
  existing: APIApplicationCommand | undefined,
): APIApplicationCommand {
  const type = Number(body.type ?? 1);
  const command: Record<string, unknown> = {
    id: existing?.id ?? ctx.newId(),
    application_id: ctx.store.applicationId,
    version: existing?.version ?? ctx.newId(),
    default_member_permissions: body.default_member_permissions ?? null,
    type,
    name: body.name,
    name_localizations: body.name_localizations ?? null,
    description: type === 1 ? body.description : '',
    description_localizations: body.description_localizations ?? null,
    dm_permission: body.dm_permission ?? true,
    contexts: body.contexts ?? null,
    integration_types: body.integration_types ?? [0],
    nsfw: body.nsfw ?? false,
  };
  if (params.guildId) command.guild_id = params.guildId;
  if (Array.isArray(body.options) && body.options.length > 0) command.options = structuredClone(body.options);
  if (existing && fingerprint(existing) !== fingerprint(command)) command.version = ctx.newId();
  return command as unknown as APIApplicationCommand;
}

function fingerprint(command: object): string {
  const { id: _id, version: _version, ...rest } = command as Record<string, unknown>;
  return JSON.stringify(canonical(rest));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}

export function registeredCommand(
  ctx: EmulatorContext,
  name: string,
  type: number,
  guildId: string | undefined,
): APIApplicationCommand | undefined {
  const { commands } = ctx.store.state;
  const matches = (c: APIApplicationCommand) => c.name === name && (c.type ?? 1) === type;
  return (guildId ? commands.guilds[guildId]?.find(matches) : undefined) ?? commands.global.find(matches);
}
