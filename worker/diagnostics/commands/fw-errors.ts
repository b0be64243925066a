import { defineCommand } from '../../framework/command';
import { colours } from '../../framework/embeds';
import { reply } from '../../framework/reply';
import { formatErrorLine, readRecentErrors } from '../recent-errors';

export const FW_ERRORS_SHOWN = 15;

export const fwErrors = defineCommand({
  name: 'fw_errors',
  description: 'The last 15 command errors, newest first (no stack traces)',
  category: 'Diagnostics',
  ownerOnly: true,
  async run(ctx) {
    const errors = await readRecentErrors(ctx.db, FW_ERRORS_SHOWN);
    return reply.message({
      ephemeral: true,
      embeds: [
        {
          title: '🧯 Recent command errors (UTC)',
          color: errors.length ? colours.warning : colours.success,
          description: errors.length
            ? errors.map((e) => formatErrorLine(e, 80)).join('\n')
            : 'No command has failed since the records began. ✅',
        },
      ],
    });
  },
});
