import { isAdministrator, missingPermissions, permissionLabel } from '../discord/permissions';
import { extensionAvailability } from '../extensions/availability';
import type { ExtensionDefinition } from '../extensions/extension';
import { alertAtStart } from '../extensions/registry-alerts';
import type { AnyCommand } from './command';
import type { CommandContext, Invoker, Services } from './context';
import { hitCooldown } from './cooldown-store';
import { relativeTime, toneEmbed } from './embeds';
import type { ReplyMessage } from './reply';

function refuse(title: string, description: string, tone: 'error' | 'warning' = 'error'): ReplyMessage {
  return { embeds: [toneEmbed(tone, title, description)], ephemeral: true };
}

export function cooldownBucket(command: AnyCommand, ctx: CommandContext): string | null {
  const spec = command.cooldown;
  if (!spec) return null;
  const scopeId =
    spec.scope === 'user'
      ? ctx.user.id
      : spec.scope === 'guild'
        ? (ctx.guildId ?? `dm-${ctx.user.id}`)
        : ctx.channelId;
  return `${command.name}:${spec.scope}:${scopeId}`;
}

/**
 * Refuses a command or component whose extension does not run here: refused by the registry (an unmet
 * dependency or a conflict, with its enforcement switch on), not enabled in this server, or enabled while
 * a dependency is disabled. `label` names what was used, e.g. "`/rank`" or "This button".
 */
export async function extensionRefusal(
  ctx: Services & Invoker,
  extension: ExtensionDefinition,
  label: string,
): Promise<ReplyMessage | null> {
  const extensions = ctx.registry.extensions;
  alertAtStart(ctx, extensions);
  const name = extension.manifest.name;
  const availability = await extensionAvailability(ctx.db, extensions, ctx.guildId, extension);
  if (availability.ok) return null;
  switch (availability.reason) {
    case 'disabled':
      return refuse(
        'Not enabled in this server',
        `${label} belongs to the **${name}** extension, which is not enabled in this server. Someone with **Manage Server** can enable it with \`/extensions enable name:${name}\`.`,
      );
    case 'dependency-disabled':
      return refuse(
        'Extension dependency disabled',
        `${label} belongs to the **${name}** extension, which needs ${availability.dependencies.map((d) => `**${d}**`).join(', ')}, disabled in this server. Someone with **Manage Server** can enable ${availability.dependencies.length === 1 ? 'it' : 'them'} with \`/extensions enable\`.`,
      );
    case 'refused':
      return refuse(
        'Extension unavailable',
        `${label} belongs to the **${name}** extension, which the extension registry refuses:\n${availability.issues.map((i) => `• ${i.message}`).join('\n')}`,
      );
  }
}

/**
 * The checks every command passes before it runs, in order: guild-only, its extension (registry refusal,
 * enabled in this server), Discord permissions, bot owner, the guild's role requirements, cooldown.
 * Returns the refusal, or null to go on.
 */
export async function runChecks(
  command: AnyCommand,
  ctx: CommandContext,
  options: { cooldown: boolean } = { cooldown: true },
): Promise<ReplyMessage | null> {
  const label = `\`${ctx.transport === 'slash' ? '/' : ''}${command.name}\``;
  if (command.guildOnly && !ctx.guildId) {
    return refuse('Server only', `${label} can only be used in a server, not in direct messages.`);
  }
  const extension = ctx.registry.extensionOf(command);
  if (extension) {
    const refusal = await extensionRefusal(ctx, extension, label);
    if (refusal) return refusal;
  }
  if (command.permissions?.length && !ctx.isBotOwner) {
    const missing = missingPermissions(ctx.permissions ?? 0n, command.permissions);
    if (missing.length) {
      return refuse(
        'Missing permissions',
        `You need ${missing.map((m) => `**${permissionLabel(m)}**`).join(', ')} to use ${label}.`,
      );
    }
  }
  if (command.ownerOnly && !ctx.isBotOwner) {
    return refuse('Bot owner only', `${label} is restricted to the bot's owners.`);
  }
  if (
    ctx.guildId &&
    !command.ignoreRoleRequirements &&
    !ctx.isBotOwner &&
    !isAdministrator(ctx.permissions)
  ) {
    const required = await ctx.settings.roleRequirements(ctx.guildId, command.name);
    if (required.length && !required.some((r) => ctx.roles.includes(r.roleId))) {
      return refuse(
        'Role required',
        `In this server ${label} needs one of these roles: ${required.map((r) => `<@&${r.roleId}>`).join(', ')}.`,
      );
    }
  }
  const bucket = options.cooldown ? cooldownBucket(command, ctx) : null;
  if (bucket && command.cooldown) {
    const hit = await hitCooldown(ctx.env.DB, bucket, command.cooldown.rate, command.cooldown.per);
    if (!hit.allowed) {
      return refuse('Slow down', `You can use ${label} again ${relativeTime(hit.retryAtMs)}.`, 'warning');
    }
  }
  return null;
}
