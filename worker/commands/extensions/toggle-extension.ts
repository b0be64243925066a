import type { ExtensionDefinition } from '../../extensions/extension';
import { toggleGuildExtension } from '../../extensions/guild-toggle';
import type { CommandContext } from '../../framework/context';
import { toneEmbed } from '../../framework/embeds';
import type { ReplyMessage } from '../../framework/reply';

/**
 * `/extensions enable|disable`: switches the extension in the invoking guild (see guild-toggle.ts for the
 * rules, the audit row and the event) and answers with the outcome.
 */
export async function toggleExtension(
  ctx: CommandContext,
  extension: ExtensionDefinition,
  enable: boolean,
): Promise<ReplyMessage> {
  const decision = await toggleGuildExtension(ctx, {
    guildId: ctx.guildId as string,
    extension,
    enable,
    actorId: ctx.user.id,
  });
  if (!decision.ok) {
    return {
      embeds: [toneEmbed(decision.tone, decision.title, decision.reasons.join('\n'))],
      ephemeral: true,
    };
  }
  const name = extension.manifest.name;
  const embed = toneEmbed(
    'success',
    enable ? `Enabled ${name}` : `Disabled ${name}`,
    enable
      ? `**${name}** now runs in this server${extension.commands.length ? `: ${extension.commands.map((c) => `\`/${c.name}\``).join(', ')}` : ''}.`
      : `**${name}** no longer runs in this server; its commands answer that it is not enabled. Its settings are kept.`,
    { requestedBy: ctx.user },
  );
  if (decision.warnings.length) {
    embed.fields = [
      { name: '⚠️ Allowed because enforcement is off', value: decision.warnings.join('\n').slice(0, 1024) },
    ];
  }
  return { embeds: [embed] };
}
