import { refusingIssues } from '../../extensions/availability';
import type { ExtensionDefinition } from '../../extensions/extension';
import { enabledStates, setExtensionEnabled } from '../../extensions/guild-extensions';
import { getEnforcement } from '../../extensions/registry-settings';
import { setResolution } from '../../extensions/set-resolution';
import { decideDisable, decideEnable } from '../../extensions/toggle-rules';
import type { CommandContext } from '../../framework/context';
import { toneEmbed } from '../../framework/embeds';
import type { ReplyMessage } from '../../framework/reply';
import { emitEvent } from '../../hooks/emit';

/**
 * Enables or disables an extension in the invoking guild, after the rules (dependencies, conflicts,
 * required) allow it: stores the choice with an audit row, then emits extension_enabled / _disabled.
 */
export async function toggleExtension(
  ctx: CommandContext,
  extension: ExtensionDefinition,
  enable: boolean,
): Promise<ReplyMessage> {
  const guildId = ctx.guildId as string;
  const extensions = ctx.registry.extensions;
  const name = extension.manifest.name;
  const report = setResolution(extensions).report(name);
  if (!report) throw new Error(`extension ${name} has no resolution report`);
  const [states, enforcement] = await Promise.all([
    enabledStates(ctx.db, guildId, extensions),
    getEnforcement(ctx.db),
  ]);
  const input = {
    extension,
    report,
    states,
    enforcement,
    refusing: refusingIssues(extensions, extension, enforcement),
  };
  const decision = enable ? decideEnable(input) : decideDisable(input);
  if (!decision.ok) {
    return {
      embeds: [toneEmbed(decision.tone, decision.title, decision.reasons.join('\n'))],
      ephemeral: true,
    };
  }
  await setExtensionEnabled(ctx.db, { guildId, extension: name, enabled: enable, actorId: ctx.user.id });
  const payload = { guildId, extension: name, by: ctx.user.id };
  ctx.waitUntil(
    (enable
      ? emitEvent(ctx.env, 'extension_enabled', payload)
      : emitEvent(ctx.env, 'extension_disabled', payload)
    ).catch((error) =>
      console.error(`Edgeward: extension_${enable ? 'enabled' : 'disabled'} event failed:`, error),
    ),
  );
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
