import { z } from 'zod';
import { defineCommand } from '../../framework/command';
import { toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { reply } from '../../framework/reply';
import { prefixChanged } from '../../gateway/coordinator-client';

/** 1 to 5 characters, no whitespace, nothing that Discord would turn into a mention. */
export const prefixSchema = z
  .string()
  .min(1, 'The prefix must be at least 1 character.')
  .max(5, 'The prefix must be at most 5 characters.')
  .regex(/^\S+$/, 'The prefix cannot contain spaces.')
  .refine((p) => !/<[@#]|@everyone|@here|<:|<a:/.test(p), 'The prefix cannot be or contain a mention.')
  .refine((p) => !p.includes('`'), 'The prefix cannot contain backticks.');

export const setprefix = defineCommand({
  name: 'setprefix',
  description: "Change this server's command prefix (1 to 5 characters)",
  category: 'Settings',
  guildOnly: true,
  permissions: ['Administrator'],
  mutates: true,
  options: {
    prefix: option.string('The new prefix, e.g. ? or $$', { required: true, schema: prefixSchema }),
  },
  async run(ctx, { prefix }) {
    const guildId = ctx.guildId as string;
    await ctx.settings.setPrefix(guildId, prefix, ctx.user.id);
    prefixChanged(ctx, guildId);
    const isDefault = prefix === ctx.config.defaultPrefix;
    return reply.message({
      embeds: [
        toneEmbed(
          'success',
          'Prefix changed',
          `The prefix here is now \`${prefix}\`${isDefault ? ' (the default)' : ''}. Try \`${prefix}help\`.\nSlash commands keep working as always.`,
          { requestedBy: ctx.user },
        ),
      ],
    });
  },
});
