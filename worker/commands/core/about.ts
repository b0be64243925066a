import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { EDGEWARD_VERSION } from '../../version';
import { applicationInfo } from './stats';

export const about = defineCommand({
  name: 'about',
  description: 'What this bot is and what it can do',
  category: 'Core',
  aliases: ['discordbotframework', 'framework', 'botinfo'],
  cooldown: { rate: 1, per: 10, scope: 'user' },
  async run(ctx) {
    const [{ app }, prefixes] = await Promise.all([applicationInfo(ctx), ctx.settings.prefixes(ctx.guildId)]);
    const usage = ctx.registry.slashUsage;
    return reply.message({
      embeds: [
        {
          title: `🤖 Edgeward ${EDGEWARD_VERSION}`,
          color: colours.info,
          description:
            'A Discord bot framework that runs serverless on Cloudflare Workers: slash commands answered at the edge, prefix and mention commands over the gateway, per-server settings in D1.',
          fields: [
            {
              name: '✨ Features',
              value: [
                '• Signed slash commands, buttons, menus and autocomplete',
                '• One definition per command for slash and prefix',
                '• Per-server prefix, mention prefix and role requirements',
                '• Cooldowns that hold across the whole deployment',
                '• Slash-command limit management',
              ].join('\n'),
            },
            {
              name: '🧭 Try',
              value: `\`/help\` · \`${prefixes.prefix}help\`${prefixes.mentionEnabled ? ' · `@Edgeward help`' : ''} · \`/stats\``,
            },
            { name: '🌐 Servers', value: String(app?.approximate_guild_count ?? 'unknown'), inline: true },
            {
              name: '📋 Commands',
              value: `${ctx.registry.commands.length} (${usage.used} slash)`,
              inline: true,
            },
            { name: '🧩 Modules', value: String(ctx.registry.categories().length), inline: true },
          ],
          timestamp: new Date().toISOString(),
        },
      ],
    });
  },
});
