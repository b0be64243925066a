/**
 * The Edgeward terminal client: use the bot through the local Discord emulator, no Discord account
 * needed. Type /commands or messages (!help, @Edgeward stats), pick who you act as, press buttons and pick
 * select options by number.
 *
 *   npm run client -- --emulator http://127.0.0.1:8790
 */
import { parseClientArgs, USAGE } from './client-args';
import { refreshDirectory } from './client-commands';
import { emptyDirectory } from './directory';
import { EmulatorClient } from './emulator-client';
import { InteractionRunner } from './interactions';
import { mentionLookup } from './lookup';
import { DEFAULT_REPLY_WAIT } from './plain-messages';
import { renderOptions } from './render/options';
import { colourWanted, makePainter } from './render/style';
import { runRepl } from './repl';
import { Session } from './session';

async function main(): Promise<number> {
  const args = parseClientArgs(process.argv.slice(2), process.env);
  if (!args.ok) {
    process.stderr.write(`${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.value.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const colour = colourWanted(process.stdout.isTTY, process.env);
  const paint = makePainter(colour);
  const client = new EmulatorClient(args.value.emulator);
  const session = new Session(emptyDirectory());
  try {
    await refreshDirectory({ client, session });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const notes = session.chooseDefaults({
    ...(args.value.user ? { user: args.value.user } : {}),
    ...(args.value.guild ? { guild: args.value.guild } : {}),
    ...(args.value.channel ? { channel: args.value.channel } : {}),
  });
  const botName = session.dir.users.find((u) => u.id === session.dir.botUserId)?.username ?? 'Edgeward';
  const render = () =>
    renderOptions({
      colour,
      width: Math.min(process.stdout.columns ?? 80, 100),
      lookup: mentionLookup(session.dir, session.guildId),
      botName,
    });
  process.stdout.write(
    `${paint.bold('Edgeward terminal client')} ${paint.dim(`· emulator ${client.baseUrl}`)}\n` +
      paint.dim(
        `Type /help (or !help, @${botName} help) to ask the bot, help for client commands, quit to leave.\n`,
      ),
  );
  for (const note of notes) process.stdout.write(`${note}\n`);
  await runRepl({ input: process.stdin, output: process.stdout }, session, (io) => ({
    client,
    session,
    io,
    render,
    runner: new InteractionRunner(client, session, io, render),
    replyWait: { ...DEFAULT_REPLY_WAIT, timeoutMs: args.value.replyTimeoutMs },
  }));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
