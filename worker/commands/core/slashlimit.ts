import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';

const statusColour = { safe: colours.success, warning: colours.warning, critical: colours.error } as const;
const statusLabel = { safe: '🟢 Safe', warning: '🟡 Warning', critical: '🔴 Critical' } as const;

export function usageBar(used: number, max: number, width = 20): string {
  const filled = Math.min(width, Math.round((used / max) * width));
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

export const slashlimit = defineCommand({
  name: 'slashlimit',
  description: 'Slash-command usage against Discord’s limit of 100',
  category: 'Owner',
  ownerOnly: true,
  priority: 0,
  cooldown: { rate: 1, per: 10, scope: 'user' },
  run(ctx) {
    const usage = ctx.registry.slashUsage;
    const prefixOnly = ctx.registry.commands.filter((c) => ctx.registry.mode(c) === 'prefix');
    const pct = Math.round((usage.used / usage.max) * 100);
    const names = (list: readonly { name: string }[]) =>
      list.length
        ? list
            .slice(0, 20)
            .map((c) => `\`${c.name}\``)
            .join(', ') + (list.length > 20 ? ` +${list.length - 20}` : '')
        : 'None';
    return reply.message({
      embeds: [
        {
          title: '📋 Slash-command usage',
          color: statusColour[usage.status],
          description: `\`${usageBar(usage.used, usage.max)}\` **${usage.used}/${usage.max}** (${pct}%)`,
          fields: [
            { name: 'Status', value: statusLabel[usage.status], inline: true },
            {
              name: 'Remaining before the safe limit',
              value: String(Math.max(0, usage.safeLimit - usage.used)),
              inline: true,
            },
            {
              name: 'Limits',
              value: `warning at ${usage.warningLimit}, safe limit ${usage.safeLimit}, Discord ${usage.max}`,
              inline: true,
            },
            {
              name: `🔹 Prefix only because of the limit (${usage.blocked.length})`,
              value: names(usage.blocked),
            },
            { name: `🔸 Prefix only by design (${prefixOnly.length})`, value: names(prefixOnly) },
          ],
          timestamp: new Date().toISOString(),
        },
      ],
    });
  },
});
