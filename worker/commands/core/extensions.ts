import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';

export const extensions = defineCommand({
  name: 'extensions',
  description: 'The modules this bot runs',
  category: 'Core',
  cooldown: { rate: 1, per: 10, scope: 'user' },
  run(ctx) {
    const modules = ctx.registry.categories().map((category) => {
      const count = ctx.registry.commands.filter((c) => c.category === category).length;
      return `• **${category}** · ${count} command${count === 1 ? '' : 's'}`;
    });
    return reply.message({
      embeds: [
        {
          title: '📌 Loaded modules',
          color: colours.info,
          fields: [
            { name: `⚙️ Built-in modules (${modules.length})`, value: modules.join('\n') || 'None' },
            {
              name: '📦 Extensions (0)',
              value:
                'No extensions are installed. Extensions are TypeScript modules bundled into the worker at build time.',
            },
          ],
          footer: { text: `${modules.length} modules · ${ctx.registry.commands.length} commands` },
          timestamp: new Date().toISOString(),
        },
      ],
    });
  },
});
