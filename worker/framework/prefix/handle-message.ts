import {
  type APIChannel,
  type APIGuild,
  type GatewayMessageCreateDispatchData,
  Routes,
} from 'discord-api-types/v10';
import { computeChannelPermissions } from '../../discord/permissions';
import { extensionRefusal } from '../checks';
import type { AnyCommand } from '../command';
import type { CommandContext, Services } from '../context';
import { colours, toneEmbed } from '../embeds';
import { executeCommand } from '../execute';
import { messageBody } from '../interaction-response';
import { usage } from '../option-values';
import type { Registry } from '../registry';
import type { Reply, ReplyMessage } from '../reply';
import { recordCommandUse } from '../stats';
import { valuesFromPrefix } from './convert-args';
import { isBareMention, matchPrefix } from './match-prefix';
import { type PrefixTarget, resolvePrefixCommand } from './resolve-command';
import { restResolver } from './rest-resolver';

export type MessageOutcome =
  | 'ignored'
  | 'no-command'
  | 'unknown-command'
  | 'info-card'
  | 'slash-only'
  /** A group named without a subcommand: its subcommands were listed. */
  | 'group-help'
  | 'ran'
  /** Already handled (a gateway resume replayed the message): nothing done again. */
  | 'duplicate';

export interface HandleMessageOptions {
  /**
   * Claims the message before anything is sent or run; false = it was handled before. The gateway shard
   * stores the claim, so a message replayed after a resume or an eviction never runs a command twice.
   */
  claim?: (messageId: string) => Promise<boolean>;
}

export interface BotIdentity {
  id: string;
  name: string;
}

async function send(services: Services, channelId: string, replyTo: string, message: ReplyMessage) {
  const { flags: _ephemeralHasNoMeaningHere, ...body } = messageBody(message);
  await services.rest().post(Routes.channelMessages(channelId), {
    body: { ...body, message_reference: { message_id: replyTo, fail_if_not_exists: false } },
    ...(message.files?.length ? { files: message.files } : {}),
  });
}

async function deliver(services: Services, channelId: string, replyTo: string, result: Reply) {
  if (result.kind === 'message') return send(services, channelId, replyTo, result.message);
  if (result.kind === 'defer') {
    await services
      .rest()
      .post(Routes.channelTyping(channelId))
      .catch(() => {});
    return send(services, channelId, replyTo, await result.work());
  }
  console.error(`Edgeward: a command returned "${result.kind}", which a prefix invocation cannot show`);
}

/** `!schedule` alone (or with a word that is not one of its subcommands): the subcommands and their usage. */
function groupHelp(
  registry: Registry,
  target: Extract<PrefixTarget, { kind: 'group' }>,
  prefix: string,
): ReplyMessage {
  const intro = target.typed
    ? `\`${target.typed}\` is not a subcommand of \`${prefix}${target.name}\`. It has:`
    : `\`${prefix}${target.name}\` needs a subcommand:`;
  // Slash-only subcommands are shown as the slash command to use.
  const lines = target.commands.map(
    (c) => `\`${usage(c, registry.mode(c) === 'slash' ? '/' : prefix)}\` · ${c.description}`,
  );
  return {
    embeds: [toneEmbed('info', `${prefix}${target.name}`, [intro, ...lines].join('\n').slice(0, 4096))],
  };
}

async function channelPermissions(
  services: Services,
  guildId: string,
  channelId: string,
  userId: string,
  roles: string[],
) {
  const rest = services.rest();
  const [guild, channel] = (await Promise.all([
    rest.get(Routes.guild(guildId)),
    rest.get(Routes.channel(channelId)),
  ])) as [APIGuild, APIChannel];
  return computeChannelPermissions({
    guildId,
    ownerId: guild.owner_id,
    userId,
    memberRoles: roles,
    roles: guild.roles,
    overwrites: 'permission_overwrites' in channel ? (channel.permission_overwrites ?? []) : [],
  });
}

/**
 * A message from the gateway: find the guild's prefix (or an @mention), and run the same command
 * definition and handler a slash command would, replying in the channel.
 */
export async function handleMessage(
  services: Services,
  message: GatewayMessageCreateDispatchData,
  bot: BotIdentity,
  options: HandleMessageOptions = {},
): Promise<MessageOutcome> {
  if (message.author.bot || message.webhook_id) return 'ignored';
  const claim = async () => (options.claim ? options.claim(message.id) : true);
  const guildId = message.guild_id ?? null;
  const prefixes = await services.settings.prefixes(guildId);

  if (guildId && isBareMention(message.content, bot.id)) {
    if (!(await claim())) return 'duplicate';
    await send(services, message.channel_id, message.id, {
      embeds: [
        {
          title: `🤖 ${bot.name}`,
          color: colours.info,
          description: 'Hello! Here is how to use me in this server.',
          fields: [
            {
              name: '🔗 Quick info',
              value: [
                `Prefix: \`${prefixes.prefix}\``,
                'Slash: `/` (always available)',
                `Mention: ${prefixes.mentionEnabled ? `<@${bot.id}> help` : 'off in this server'}`,
              ].join('\n'),
            },
            { name: '📚 Start here', value: `\`/help\` or \`${prefixes.prefix}help\`` },
          ],
        },
      ],
    });
    return 'info-card';
  }

  const match = matchPrefix(message.content, {
    prefix: prefixes.prefix,
    mentionEnabled: prefixes.mentionEnabled,
    botId: bot.id,
  });
  if (!match) return 'no-command';
  const target = resolvePrefixCommand(services.registry, match);
  if (target.kind === 'unknown') {
    services.waitUntil(
      recordCommandUse(services.db, match.name, message.guild_id ?? null, 'unknown-command').catch(() => {}),
    );
    return 'unknown-command';
  }
  if (!(await claim())) return 'duplicate';
  if (target.kind === 'group') {
    // Where the group's extension is off, say so (as its subcommands would) rather than list them.
    const extension = services.registry.extensionOf(target.commands[0] as AnyCommand);
    const refusal =
      extension && !extension.manifest.required
        ? await extensionRefusal(
            {
              ...services,
              user: message.author,
              guildId,
              channelId: message.channel_id,
              roles: message.member?.roles ?? [],
              permissions: null,
              isBotOwner: services.config.ownerIds.includes(message.author.id),
            },
            extension,
            `\`${prefixes.prefix}${target.name}\``,
          )
        : null;
    await send(
      services,
      message.channel_id,
      message.id,
      refusal ?? groupHelp(services.registry, target, prefixes.prefix),
    );
    return 'group-help';
  }
  const command = target.command;
  if (services.registry.mode(command) === 'slash') {
    await send(services, message.channel_id, message.id, {
      embeds: [
        toneEmbed('info', 'Slash only', `\`${command.name}\` is a slash command: use \`/${command.name}\`.`),
      ],
    });
    return 'slash-only';
  }

  const roles = message.member?.roles ?? [];
  const ctx: CommandContext = {
    ...services,
    user: message.author,
    guildId,
    channelId: message.channel_id,
    roles,
    permissions: guildId
      ? await channelPermissions(services, guildId, message.channel_id, message.author.id, roles)
      : null,
    isBotOwner: services.config.ownerIds.includes(message.author.id),
    transport: 'prefix',
    commandName: command.name,
    invocationId: message.id,
    interaction: null,
  };
  const result = await executeCommand(
    command,
    ctx,
    () => valuesFromPrefix(command, target.rest, restResolver(services.rest(), guildId), message.attachments),
    prefixes.prefix,
  );
  await deliver(services, message.channel_id, message.id, result);
  return 'ran';
}
