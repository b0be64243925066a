import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { syncCommands } from '../../framework/registration';
import { reply } from '../../framework/reply';

const list = (names: string[]) =>
  names.length
    ? names
        .map((n) => `\`${n}\``)
        .join(', ')
        .slice(0, 1024)
    : '—';

export const sync = defineCommand({
  name: 'sync',
  description: 'Register the slash commands with Discord (writes only what changed)',
  category: 'Owner',
  ownerOnly: true,
  priority: 0,
  run(ctx) {
    return reply.defer(
      async () => {
        const result = await syncCommands(ctx.rest(), ctx.config.applicationId, ctx.registry);
        const embed = result.written
          ? toneEmbed(
              'success',
              'Slash commands synced',
              `Registered ${ctx.registry.slashUsage.used} commands.`,
            )
          : toneEmbed(
              'info',
              'Already in sync',
              'Discord already has exactly these commands: nothing was written.',
            );
        embed.fields = [
          { name: `➕ Added (${result.added.length})`, value: list(result.added), inline: true },
          { name: `✏️ Changed (${result.changed.length})`, value: list(result.changed), inline: true },
          { name: `➖ Removed (${result.removed.length})`, value: list(result.removed), inline: true },
          { name: `✔️ Unchanged (${result.unchanged.length})`, value: list(result.unchanged) },
        ];
        return { embeds: [embed] };
      },
      { ephemeral: true },
    );
  },
});
