import {
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionType,
} from 'discord-api-types/v10';
import { runChecks } from './checks';
import type { CommandContext, Invoker, Services } from './context';
import { decodeCustomId, paramsFromValues } from './custom-id';
import { errorMessage, toneEmbed } from './embeds';
import { executeCommand, failure } from './execute';
import { claimInvocation } from './idempotency';
import { interactionResponse } from './interaction-response';
import { valuesFromInteraction } from './option-values';
import { type Reply, reply } from './reply';
import { recordCommandUse } from './stats';

function invokerOf(interaction: APIInteraction, services: Services): Invoker {
  const user = (interaction.member?.user ?? interaction.user) as APIUser;
  return {
    user,
    guildId: interaction.guild_id ?? null,
    channelId: interaction.channel?.id ?? '',
    roles: interaction.member?.roles ?? [],
    permissions: interaction.member ? BigInt(interaction.member.permissions) : null,
    isBotOwner: services.config.ownerIds.includes(user.id),
  };
}

/**
 * The full name invoked (`about`, `schedule create`) and that command's own options: a subcommand's
 * options sit inside it. Subcommand groups (two levels) are not used by this framework, so they name
 * nothing it knows.
 */
export function invokedCommand(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
  name: string,
) {
  const first = options?.[0];
  if (first?.type === ApplicationCommandOptionType.Subcommand)
    return { name: `${name} ${first.name}`, options: first.options ?? [] };
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup)
    return { name: `${name} ${first.name}`, options: [] };
  return {
    name,
    options: (options ?? []).filter(
      (o): o is APIApplicationCommandInteractionDataBasicOption =>
        o.type !== ApplicationCommandOptionType.Subcommand &&
        o.type !== ApplicationCommandOptionType.SubcommandGroup,
    ),
  };
}

async function slashCommand(
  interaction: APIChatInputApplicationCommandInteraction,
  services: Services,
): Promise<Reply> {
  const invoked = invokedCommand(interaction.data.options, interaction.data.name);
  const command = services.registry.findSlash(invoked.name);
  if (!command) {
    services.waitUntil(
      recordCommandUse(services.db, invoked.name, interaction.guild_id ?? null, 'unknown-command').catch(
        () => {},
      ),
    );
    return reply.message(
      errorMessage('Unknown command', `\`/${invoked.name}\` is not a command of this bot (any more).`),
    );
  }
  const ctx: CommandContext = {
    ...services,
    ...invokerOf(interaction, services),
    transport: 'slash',
    commandName: command.name,
    invocationId: interaction.id,
    interaction: { applicationId: interaction.application_id, token: interaction.token },
  };
  return executeCommand(
    command,
    ctx,
    () => ({
      ok: true,
      values: valuesFromInteraction(command, invoked.options, interaction.data.resolved),
    }),
    '/',
  );
}

async function component(
  interaction: APIMessageComponentInteraction | APIModalSubmitInteraction,
  services: Services,
  nowMs: number,
): Promise<Reply> {
  const decoded = decodeCustomId(interaction.data.custom_id);
  const handler = decoded ? services.registry.component(decoded.key) : undefined;
  const params = decoded && handler ? paramsFromValues(handler.pattern, decoded.values) : null;
  if (!decoded || !handler || !params) {
    return reply.message(
      errorMessage(
        'Outdated component',
        'This button or menu is no longer supported. Run the command again.',
      ),
    );
  }
  const invoker = invokerOf(interaction, services);
  if (decoded.owner !== '*' && decoded.owner !== invoker.user.id) {
    return reply.message(
      errorMessage(
        'Not your menu',
        `This menu belongs to <@${decoded.owner}>. Run the command yourself to get one.`,
      ),
    );
  }
  if (decoded.expiresAtMs !== null && decoded.expiresAtMs < nowMs) {
    return reply.message({
      embeds: [
        toneEmbed('warning', 'Menu expired', 'This menu has expired. Run the command again for a fresh one.'),
      ],
      ephemeral: true,
    });
  }
  if (handler.mutates && !(await claimInvocation(services.env.DB, `component:${interaction.id}`))) {
    return reply.message({
      embeds: [toneEmbed('info', 'Already done', 'This request was already received and applied once.')],
      ephemeral: true,
    });
  }
  const fields: Record<string, string> = {};
  if (interaction.type === InteractionType.ModalSubmit) {
    for (const row of interaction.data.components) {
      const inner = 'components' in row ? row.components : 'component' in row ? [row.component] : [];
      for (const input of inner) {
        if (input && 'custom_id' in input && 'value' in input && typeof input.value === 'string') {
          fields[input.custom_id] = input.value;
        }
      }
    }
  }
  try {
    return await handler.run(
      {
        ...services,
        ...invoker,
        transport: interaction.type === InteractionType.ModalSubmit ? 'modal' : 'component',
        invocationId: interaction.id,
        values:
          interaction.type === InteractionType.MessageComponent
            ? ((interaction.data as { values?: string[] }).values ?? [])
            : [],
        fields,
        message: interaction.message ?? null,
        interaction: { applicationId: interaction.application_id, token: interaction.token },
      },
      params,
    );
  } catch (error) {
    return failure(`component ${decoded.key}`, error);
  }
}

/** Routes a verified interaction to its command, component, modal or autocomplete handler. */
export async function dispatchInteraction(
  interaction: APIInteraction,
  services: Services,
  nowMs = Date.now(),
): Promise<APIInteractionResponse> {
  let result: Reply;
  switch (interaction.type) {
    case InteractionType.Ping:
      return { type: 1 };
    case InteractionType.ApplicationCommand:
      result =
        interaction.data.type === ApplicationCommandType.ChatInput
          ? await slashCommand(interaction as APIChatInputApplicationCommandInteraction, services)
          : reply.message(errorMessage('Unknown command', 'This bot has no context-menu commands.'));
      break;
    case InteractionType.ApplicationCommandAutocomplete: {
      const invoked = invokedCommand(interaction.data.options, interaction.data.name);
      const command = services.registry.findSlash(invoked.name);
      const focused = invoked.options.find((o) => 'focused' in o && o.focused);
      const invoker = invokerOf(interaction, services);
      // Suggestions can reveal data (backup ids, labels): the same checks as the command, without its cooldown.
      const refused =
        command &&
        (await runChecks(
          command,
          {
            ...services,
            ...invoker,
            transport: 'slash',
            commandName: command.name,
            invocationId: interaction.id,
            interaction: null,
          },
          { cooldown: false },
        ));
      result =
        command?.autocomplete && focused && !refused
          ? await command.autocomplete({
              ...services,
              ...invoker,
              commandName: command.name,
              focused: { name: focused.name, value: String('value' in focused ? focused.value : '') },
            })
          : reply.autocomplete([]);
      break;
    }
    case InteractionType.MessageComponent:
    case InteractionType.ModalSubmit:
      result = await component(interaction, services, nowMs);
      break;
  }
  return interactionResponse(result, services, interaction);
}
