import { getEnforcement, setEnforcement } from '../../extensions/registry-settings';
import { resolveExtensions } from '../../extensions/resolve';
import type { EnforcementSwitch } from '../../extensions/resolve-types';
import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';

const SWITCH_OF: Record<'deps' | 'conflicts', EnforcementSwitch> = {
  deps: 'dependencies',
  conflicts: 'conflicts',
};

export const prEnforce = defineCommand({
  name: 'pr_enforce',
  description: 'Turn enforcement of extension dependencies or conflicts on or off',
  category: 'Owner',
  help: 'With enforcement on, an unmet dependency or an active conflict refuses the extension, and /extensions refuses to enable or disable against the rule; off, they are warnings. Dependency cycles are always refused.',
  ownerOnly: true,
  mutates: true,
  options: {
    mode: option.string('Which switch to toggle', {
      required: true,
      choices: [
        { name: 'deps', value: 'deps' },
        { name: 'conflicts', value: 'conflicts' },
      ],
    }),
  },
  async run(ctx, { mode }) {
    const key = SWITCH_OF[mode];
    const current = await getEnforcement(ctx.db);
    const next = await setEnforcement(ctx.db, { ...current, [key]: !current[key] }, ctx.user.id);
    const resolution = resolveExtensions(ctx.registry.extensions, next);
    const label = key === 'dependencies' ? 'Dependency' : 'Conflict';
    return reply.message({
      embeds: [
        toneEmbed(
          next[key] ? 'success' : 'warning',
          `${label} enforcement ${next[key] ? 'on' : 'off'}`,
          [
            next[key]
              ? `${key === 'dependencies' ? 'Unmet or disabled dependencies' : 'Conflicting extensions'} now refuse the extensions concerned.`
              : `${key === 'dependencies' ? 'Unmet or disabled dependencies' : 'Conflicting extensions'} are now only warnings.`,
            `Now: dependencies **${next.dependencies ? 'on' : 'off'}**, conflicts **${next.conflicts ? 'on' : 'off'}**; the set has ${resolution.errors.length} error(s) and ${resolution.warnings.length} warning(s).`,
          ].join('\n'),
          { requestedBy: ctx.user },
        ),
      ],
    });
  },
});
