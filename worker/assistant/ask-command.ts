import type { APIAttachment } from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';
import { defineCommand } from '../framework/command';
import type { CommandContext } from '../framework/context';
import { errorMessage } from '../framework/embeds';
import { option } from '../framework/options';
import { type ReplyMessage, reply } from '../framework/reply';
import { ACTIONS, ASK_ACTIONS, type AskAction, helpText } from './actions';
import { answerQuestion } from './answer';
import { renderAnswer } from './render';

/** The largest attachment the `file` action reads. */
export const MAX_FILE_BYTES = 200 * 1024;

/** Reads an attached text file, or says why not. */
export async function readAttachment(
  file: APIAttachment,
): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  if (file.size > MAX_FILE_BYTES)
    return { ok: false, error: `The file is larger than ${MAX_FILE_BYTES / 1024} KB.` };
  if (
    file.content_type &&
    !/^(text\/|application\/(json|javascript|typescript|x-yaml|toml|xml))/.test(file.content_type)
  ) {
    return { ok: false, error: `\`${file.filename}\` is not a text file (${file.content_type}).` };
  }
  let res: Response;
  try {
    res = await fetch(file.url);
  } catch {
    return { ok: false, error: 'The file could not be downloaded.' };
  }
  if (!res.ok) return { ok: false, error: `The file could not be downloaded (HTTP ${res.status}).` };
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_FILE_BYTES)
    return { ok: false, error: `The file is larger than ${MAX_FILE_BYTES / 1024} KB.` };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    if (text.includes('\u0000')) return { ok: false, error: 'The file is not text.' };
    return { ok: true, text };
  } catch {
    return { ok: false, error: 'The file is not UTF-8 text.' };
  }
}

/** The deployment's secret values, which must never reach a prompt or an answer. */
export const secretsOf = (ctx: Pick<CommandContext, 'config'>) =>
  [ctx.config.token, ctx.config.dashboard.clientSecret, ctx.config.exportSigningSecret].filter(
    (s): s is string => !!s,
  );

/**
 * Sends the parts of a long answer after the first as follow-ups; the first replaces the deferred reply
 * (which is already in the channel, above them).
 */
async function sendFollowUps(ctx: CommandContext, messages: ReplyMessage[]) {
  if (!ctx.interaction || messages.length < 2) return;
  const { applicationId, token } = ctx.interaction;
  for (const message of messages.slice(1)) {
    await ctx.rest().post(Routes.webhook(applicationId, token), {
      body: { embeds: message.embeds, flags: message.ephemeral ? 64 : 0, allowed_mentions: { parse: [] } },
      auth: false,
    });
  }
}

export const ask = defineCommand({
  name: 'ask',
  description: 'Ask the assistant about this bot: commands, extensions, hooks, automations, health',
  category: 'Assistant',
  help: 'Answers from the bot’s own documentation, commands, extension manifests and live state, citing the passages it used. `file` and `permission` are for bot owners.',
  cooldown: { rate: 1, per: 15, scope: 'user' },
  options: {
    action: option.string('What to ask about', {
      required: true,
      choices: ASK_ACTIONS.map((a) => ({ name: `${a} — ${ACTIONS[a].label}`.slice(0, 100), value: a })),
    }),
    query: option.string('Your question', { maxLength: 300, rest: true }),
    file: option.attachment('A text file to ask about (action file, bot owners)'),
  },
  async run(ctx, { action, query, file }) {
    const chosen = action as AskAction;
    const spec = ACTIONS[chosen];
    if (spec.ownerOnly && !ctx.isBotOwner) {
      return reply.message(
        errorMessage('Bot owner only', `\`/ask action:${chosen}\` is for the bot owners.`),
      );
    }
    if (chosen === 'help') {
      return reply.message({
        ephemeral: true,
        embeds: [{ title: '🤖 /ask', description: helpText(ctx.isBotOwner), color: 0x5865f2 }],
      });
    }
    if (chosen === 'file' && !file) {
      return reply.message(errorMessage('No file', 'Attach a text file with `file:` to use `action:file`.'));
    }
    return reply.defer(
      async () => {
        let attached: { name: string; text: string } | null = null;
        if (chosen === 'file' && file) {
          const read = await readAttachment(file);
          if (!read.ok) return errorMessage('Cannot read the file', read.error);
          attached = { name: file.filename, text: read.text };
        }
        const answer = await answerQuestion(
          {
            d1: ctx.env.DB,
            db: ctx.db,
            registry: ctx.registry,
            ai: ctx.env.AI ?? null,
            secrets: secretsOf(ctx),
            guildId: ctx.guildId,
            isOwner: ctx.isBotOwner,
          },
          { action: chosen, query: query ?? null, file: attached, requestId: ctx.invocationId },
        );
        const messages = renderAnswer(answer);
        await sendFollowUps(ctx, messages);
        return messages[0] as ReplyMessage;
      },
      { ephemeral: true },
    );
  },
});
