import { emitEvent } from '../hooks/emit';
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
    // Bad input is the user's, not the bot's: counted apart from failures.
    ctx.waitUntil(recordCommandUse(ctx.db, command.name, ctx.guildId, 'invalid-input').catch(() => {}));
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

  let failed: unknown = null;
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
            failed = error ?? 'error';
            const message = failure(`/${command.name} (deferred)`, error);
            return message.kind === 'message' ? message.message : {};
          } finally {
            ctx.waitUntil(
              recordCommandUse(ctx.db, command.name, ctx.guildId, failed !== null, {
                invocationId: ctx.invocationId,
                error: failed ?? undefined,
              }).catch(() => {}),
            );
            emitCommandEvent(command, ctx, failed);
          }
        },
      };
    }
    ctx.waitUntil(
      recordCommandUse(ctx.db, command.name, ctx.guildId, false, { invocationId: ctx.invocationId }).catch(
        () => {},
      ),
    );
    emitCommandEvent(command, ctx, null);
    return result;
  } catch (error) {
    ctx.waitUntil(
      recordCommandUse(ctx.db, command.name, ctx.guildId, true, {
        invocationId: ctx.invocationId,
        error,
      }).catch(() => {}),
    );
    emitCommandEvent(command, ctx, error ?? 'error');
    return failure(`/${command.name}`, error);
  }
}

/**
 * `command_executed` after a command ran, `command_error` when its handler threw (refusals and invalid
 * input are neither). In the background: the reply never waits for the bus.
 */
function emitCommandEvent(command: AnyCommand, ctx: CommandContext, error: unknown) {
  const base = { command: command.name, userId: ctx.user.id, guildId: ctx.guildId, transport: ctx.transport };
  const emitted =
    error === null
      ? emitEvent(ctx.env, 'command_executed', base)
      : emitEvent(ctx.env, 'command_error', {
          ...base,
          error: (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300),
        });
  ctx.waitUntil(
    emitted.catch((e) => console.error(`Edgeward: could not emit the event of /${command.name}:`, e)),
  );
}
