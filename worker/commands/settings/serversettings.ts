import { type APIGuild, Routes } from 'discord-api-types/v10';
import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { reply } from '../../framework/reply';

export const serversettings = defineCommand({
  name: 'serversettings',
  description: "Show this server's bot settings",
  category: 'Settings',
  guildOnly: true,
  permissions: ['Administrator'],
  async run(ctx) {
    const guildId = ctx.guildId as string;
    const [settings, requirements, guild] = await Promise.all([
      ctx.settings.prefixes(guildId),
      ctx.settings.roleRequirements(guildId),
      (
        ctx.restNow().get(Routes.guild(guildId), {
          query: new URLSearchParams({ with_counts: 'true' }),
        }) as Promise<APIGuild>
      ).catch(() => null),
    ]);
    const restricted = new Set(requirements.map((r) => r.command));
    return reply.message({
      embeds: [
        {
          ...toneEmbed('info', `Server settings: ${guild?.name ?? guildId}`, undefined, {
            requestedBy: ctx.user,
            icon: false,
          }),
          fields: [
            {
              name: '🔖 Command prefix',
              value: `\`${settings.prefix}\` ${settings.custom ? '(custom)' : '(default)'}`,
              inline: true,
            },
            {
              name: '📢 Mention prefix',
              value: `${settings.mentionEnabled ? 'Enabled' : 'Disabled'}${settings.mentionSetting === null ? ' (default)' : ''}`,
              inline: true,
            },
            {
              name: '🔒 Role requirements',
              value: restricted.size
                ? [...restricted].map((c) => `\`${c}\``).join(', ')
                : 'None (see `/config list`)',
              inline: true,
            },
            {
              name: '📊 Server',
              value: guild
                ? `Members: ${guild.approximate_member_count ?? 'unknown'} · Owner: <@${guild.owner_id}>`
                : 'Discord could not be reached for server details.',
            },
            {
              name: '📝 Ways to run commands',
              value: [
                '• Slash commands: always available',
                !ctx.config.gateway.enabled
                  ? '• Prefix and mention: off (this deployment runs without gateway shards)'
                  : ctx.config.gateway.messageContent
                    ? `• Prefix: \`${settings.prefix}help\``
                    : `• Prefix: \`${settings.prefix}\` is set, but without the Message Content intent the bot cannot read messages: use mentions`,
                ctx.config.gateway.enabled && settings.mentionEnabled
                  ? '• Mention: `@Edgeward help`'
                  : '• Mention: off',
              ].join('\n'),
            },
          ],
        },
      ],
    });
  },
});
