import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { prefixChanged } from '../../gateway/coordinator-client';

export const mentionprefix = defineCommand({
  name: 'mentionprefix',
  description: 'Turn @mention commands on or off in this server, or show the setting',
  category: 'Settings',
  guildOnly: true,
  permissions: ['Administrator'],
  mutates: true,
  options: {
    action: option.string('What to do', {
      required: true,
      choices: [
        { name: 'enable', value: 'enable' },
        { name: 'disable', value: 'disable' },
        { name: 'status', value: 'status' },
        { name: 'default', value: 'default' },
      ],
    }),
  },
  async run(ctx, { action }) {
    const guildId = ctx.guildId as string;
    const current = await ctx.settings.prefixes(guildId);
    const describe = (enabled: boolean, setting: boolean | null) =>
      `${enabled ? 'Enabled' : 'Disabled'}${setting === null ? ' (deployment default)' : ''}`;
    if (action === 'status') {
      return reply.message({
        embeds: [
          {
            ...toneEmbed('info', 'Mention prefix', undefined, { requestedBy: ctx.user }),
            fields: [
              { name: 'Status', value: describe(current.mentionEnabled, current.mentionSetting) },
              {
                name: 'How to run commands here',
                value: [
                  `• Slash: \`/help\``,
                  `• Prefix: \`${current.prefix}help\``,
                  current.mentionEnabled ? '• Mention: `@Edgeward help`' : '• Mention: off',
                ].join('\n'),
              },
            ],
          },
        ],
      });
    }
    const wanted = action === 'default' ? null : action === 'enable';
    if (wanted === current.mentionSetting) {
      return reply.message({
        embeds: [
          toneEmbed(
            'info',
            'No change',
            `The mention prefix is already ${describe(current.mentionEnabled, wanted).toLowerCase()}.`,
          ),
        ],
        ephemeral: true,
      });
    }
    await ctx.settings.setMentionPrefix(guildId, wanted, ctx.user.id);
    prefixChanged(ctx, guildId);
    const after = wanted ?? ctx.config.allowMentionPrefix;
    return reply.message({
      embeds: [
        toneEmbed(
          'success',
          `Mention prefix ${after ? 'enabled' : 'disabled'}`,
          after
            ? 'Members can now run commands with `@Edgeward help`. This applies at once.'
            : `@mention commands are off; \`${current.prefix}\` and slash commands still work. This applies at once.`,
          { requestedBy: ctx.user },
        ),
      ],
    });
  },
});
