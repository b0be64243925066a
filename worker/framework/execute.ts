import { runChecks } from './checks';
import type { AnyCommand } from './command';
import type { CommandContext } from './context';
import { errorMessage, toneEmbed } from './embeds';
import { claimInvocation } from './idempotency';
import { usage, validateOptions } from './option-values';
import { type Reply, reply } from './reply';
import { recordCommandUse } from './stats';

export type Conversion = { ok: true; values: Record<string, unknown> } | { ok: false; problems: string[] };

/** Turns an unexpected error into a clean message; the details go to the log, never to the user. */
export function failure(where: string, error: unknown): Reply {
  console.error(
    `Edgeward: ${where} failed:`,
    error instanceof Error ? (error.stack ?? error.message) : error,
  );
  return reply.message(
    errorMessage(
      'Something went wrong',
      'The command failed unexpectedly. It has been logged; please try again.',
    ),
  );
}

/**
 * The one path every command invocation takes, slash or prefix: checks, option conversion, zod
 * validation, idempotency for commands with side effects, the handler, and usage statistics.
 */
export async function executeCommand(
  command: AnyCommand,
  ctx: CommandContext,
  convert: () => Promise<Conversion> | Conversion,
  displayPrefix: string,
): Promise<Reply> {
  try {
    return await execute(command, ctx, convert, displayPrefix);
  } catch (error) {
    return failure(`/${command.name} (before it ran)`, error);
  }
}

async function execute(
  command: AnyCommand,
  ctx: CommandContext,
  convert: () => Promise<Conversion> | Conversion,
  displayPrefix: string,
): Promise<Reply> {
  const refusal = await runChecks(command, ctx);
  if (refusal) return reply.message(refusal);

  const converted = await convert();
  const validated = converted.ok ? validateOptions(command, converted.values) : converted;
  if (!validated.ok) {
    return reply.message({
      embeds: [
        toneEmbed(
          'error',
          'Invalid input',
          `${validated.problems.join('\n')}\n\nUsage: \`${usage(command, displayPrefix)}\``,
        ),
      ],
      ephemeral: true,
    });
  }

  if (command.mutates && !(await claimInvocation(ctx.env.DB, `${ctx.transport}:${ctx.invocationId}`))) {
    return reply.message({
      embeds: [toneEmbed('info', 'Already done', 'This request was already received and applied once.')],
      ephemeral: true,
    });
  }

  let failed = false;
  try {
    const result = await command.run(ctx, validated.values as never);
    if (result.kind === 'defer') {
      const work = result.work;
      return {
        ...result,
        work: async () => {
          try {
            return await work();
          } catch (error) {
            failed = true;
            const message = failure(`/${command.name} (deferred)`, error);
            return message.kind === 'message' ? message.message : {};
          } finally {
            ctx.waitUntil(recordCommandUse(ctx.db, command.name, ctx.guildId, failed).catch(() => {}));
          }
        },
      };
    }
    ctx.waitUntil(recordCommandUse(ctx.db, command.name, ctx.guildId, false).catch(() => {}));
    return result;
  } catch (error) {
    ctx.waitUntil(recordCommandUse(ctx.db, command.name, ctx.guildId, true).catch(() => {}));
    return failure(`/${command.name}`, error);
  }
}
