import { defineCommand } from '../../framework/command';
import type { CommandContext } from '../../framework/context';
import { errorMessage, toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { type Reply, reply } from '../../framework/reply';

const MAX_ROLES_PER_COMMAND = 10;

function restrictable(ctx: { registry: CommandContext['registry'] }, name: string) {
  const command = ctx.registry.find(name);
  const group = command ? undefined : ctx.registry.group(name);
  if (group)
    return {
      error: `\`${name}\` has subcommands, and each has its own roles. Name one: ${group.map((c) => `\`${c.name}\``).join(', ')}.`,
    } as const;
  if (!command) return { error: `There is no command called \`${name}\`. See \`/help\`.` } as const;
  if (command.ownerOnly)
    return { error: `\`${command.name}\` is for the bot owners only; it cannot be given roles.` } as const;
  if (command.ignoreRoleRequirements)
    return { error: `\`${command.name}\` cannot be restricted by role.` } as const;
  return { command } as const;
}

async function list(ctx: CommandContext, guildId: string): Promise<Reply> {
  const rows = await ctx.settings.roleRequirements(guildId);
  const byCommand = new Map<string, string[]>();
  for (const row of rows) byCommand.set(row.command, [...(byCommand.get(row.command) ?? []), row.roleId]);
  const embed = toneEmbed(
    'info',
    'Command role requirements',
    byCommand.size
      ? "A member needs **any one** of a command's roles. Administrators and the bot owners are never blocked."
      : 'No command is restricted in this server. Add one with `/config action:set command:<name> role:<role>`.',
    { requestedBy: ctx.user },
  );
  embed.fields = [...byCommand.entries()].slice(0, 25).map(([command, roles]) => ({
    name: `/${command}`,
    value: roles.map((r) => `<@&${r}>`).join(' '),
    inline: true,
  }));
  return reply.message({ embeds: [embed] });
}

/** Lifts rules stored under a name that is no longer a command; null when there are none. */
async function removeStale(ctx: CommandContext, guildId: string, name: string, roleId: string | null) {
  const removed = await ctx.settings.removeRoleRequirements(guildId, name, roleId, ctx.user.id);
  if (removed === 0) return null;
  return reply.message({
    embeds: [
      toneEmbed(
        'success',
        'Role requirement removed',
        `\`${name}\` is not a command any more; ${removed} stored role rule${removed === 1 ? '' : 's'} removed.`,
        { requestedBy: ctx.user },
      ),
    ],
  });
}

export const config = defineCommand({
  name: 'config',
  description: 'Require roles for commands in this server: set, remove or list',
  category: 'Settings',
  help: 'Requirements apply to every command, slash and prefix, in this server only.',
  guildOnly: true,
  permissions: ['Administrator'],
  ignoreRoleRequirements: true,
  mutates: true,
  options: {
    action: option.string('What to do', {
      required: true,
      choices: [
        { name: 'set', value: 'set' },
        { name: 'remove', value: 'remove' },
        { name: 'list', value: 'list' },
      ],
    }),
    // A subcommand is named in full: `schedule create` (two names of up to 32 characters).
    command: option.string('The command to restrict', { autocomplete: true, maxLength: 65 }),
    role: option.role('The role that may use it (remove: omit to clear all)'),
  },
  autocomplete(ctx) {
    const typed = ctx.focused.value.toLowerCase();
    return reply.autocomplete(
      ctx.registry.commands
        .filter((c) => !c.ownerOnly && !c.ignoreRoleRequirements && c.name.includes(typed))
        .map((c) => ({ name: c.name, value: c.name })),
    );
  },
  async run(ctx, { action, command: name, role }) {
    const guildId = ctx.guildId as string;
    if (action === 'list') return list(ctx, guildId);
    if (!name)
      return reply.message(
        errorMessage('Missing command', `Name the command to ${action}, e.g. \`command:stats\`.`),
      );
    const found = restrictable(ctx, name);
    if ('error' in found) {
      // A rule stored under a name that is no command any more can still be lifted.
      const gone = !ctx.registry.find(name) && !ctx.registry.group(name);
      const stale =
        action === 'remove' && gone ? await removeStale(ctx, guildId, name, role?.id ?? null) : null;
      return stale ?? reply.message(errorMessage('Cannot configure that', found.error as string));
    }
    const command = found.command;

    if (action === 'set') {
      if (!role)
        return reply.message(errorMessage('Missing role', 'Name the role that may use the command.'));
      if (role.id === guildId) {
        return reply.message(
          errorMessage(
            'Not a restriction',
            'Everyone has @everyone; use `action:remove` to lift a restriction instead.',
          ),
        );
      }
      const existing = await ctx.settings.roleRequirements(guildId, command.name);
      if (existing.some((r) => r.roleId === role.id)) {
        return reply.message({
          embeds: [
            toneEmbed('info', 'Already configured', `<@&${role.id}> may already use \`${command.name}\`.`),
          ],
          ephemeral: true,
        });
      }
      if (existing.length >= MAX_ROLES_PER_COMMAND) {
        return reply.message(
          errorMessage(
            'Too many roles',
            `\`${command.name}\` already has ${MAX_ROLES_PER_COMMAND} roles; remove one first.`,
          ),
        );
      }
      await ctx.settings.addRoleRequirement(guildId, command.name, role.id, ctx.user.id);
      return reply.message({
        embeds: [
          toneEmbed(
            'success',
            'Role requirement added',
            `\`${command.name}\` now needs one of: ${[...existing.map((r) => r.roleId), role.id].map((r) => `<@&${r}>`).join(', ')}.`,
            { requestedBy: ctx.user },
          ),
        ],
      });
    }

    const removed = await ctx.settings.removeRoleRequirements(
      guildId,
      command.name,
      role?.id ?? null,
      ctx.user.id,
    );
    if (removed === 0) {
      return reply.message({
        embeds: [
          toneEmbed(
            'warning',
            'Nothing to remove',
            role
              ? `<@&${role.id}> was not required for \`${command.name}\`.`
              : `\`${command.name}\` has no role requirements.`,
          ),
        ],
        ephemeral: true,
      });
    }
    return reply.message({
      embeds: [
        toneEmbed(
          'success',
          'Role requirement removed',
          role
            ? `<@&${role.id}> is no longer required for \`${command.name}\`.`
            : `\`${command.name}\` is open to everyone again (${removed} role${removed === 1 ? '' : 's'} removed).`,
          { requestedBy: ctx.user },
        ),
      ],
    });
  },
});
