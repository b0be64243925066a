/**
 * One line typed at the prompt: a slash command for the bot, a client command (`as`, `users`, `guild`,
 * `channel`, `dm`, `where`, `press`, `select`, `msg`, `history`, `commands`, `react`, `unreact`, `join`,
 * `leave`, `say`, `help`, `quit`), or
 * else a plain message posted in the channel (`!help`, `@Edgeward stats`).
 */
import { parseSlash, tokenizeArgs } from './command-line';
import { buildOptions } from './command-options';
import { chooseInSelect, pressButton } from './component-actions';
import { readDirectory } from './directory';
import type { EmulatorClient, StoredMessage } from './emulator-client';
import type { InteractionRunner, Io } from './interactions';
import { findCommand, guildChannels, memberOf, memberRoleNames, visibleCommands } from './lookup';
import { postPlainMessage, type ReplyWait } from './plain-messages';
import type { RenderOptions } from './render/options';
import type { Session } from './session';
import { membership, react } from './world-actions';

export interface ClientDeps {
  client: EmulatorClient;
  session: Session;
  runner: InteractionRunner;
  io: Io;
  render: () => RenderOptions;
  /** How long to wait for the bot's reply to a plain message (default 5 s). */
  replyWait?: ReplyWait;
}

/** The words that start a client command; any other line (not starting with /) is a message. */
export const CLIENT_WORDS = [
  'as',
  'users',
  'guild',
  'guilds',
  'channel',
  'channels',
  'dm',
  'where',
  'press',
  'select',
  'msg',
  'history',
  'commands',
  'react',
  'unreact',
  'join',
  'leave',
  'say',
  'help',
  'quit',
];
const ALIASES = ['exit', '?'];

export const HELP = `client commands:
  /name opt:value opt2:"quoted value"   run a bot command (subcommands as bare words: /config set key:value)
  anything else             posted as a message here (!help, @Edgeward stats); the bot's reply is shown
  say <text>                post <text> as a message, even one that starts with a client command word
                            (react, join, leave …: "say leave me alone")
  as <user>                 act as another user (name, @name or id)
  users                     list users and their roles here
  guild <name|id>, guilds   switch guild / list guilds
  channel <#name|id>, channels   switch channel / list this guild's channels
  dm                        switch to DMs with the bot
  where                     show who and where you are
  press <n>                 press button [n] of the last bot message with components
  select <n> <choices…>     pick options (by number) in select menu n; user/role/channel menus take names
  msg <message id>          make another message the target of press/select
  history [count]           show the channel's recent messages (default 10)
  commands                  list the bot's registered commands
  react <emoji> [message id]    react as the acting user (default: the target or the last message); unreact …
  join <user>, leave <user>     a user joins or leaves this guild (member events for welcome and goodbye)
  help, quit`;

const unquote = (text: string) => text.trim().replace(/^(["'])(.*)\1$/, '$2');

export async function refreshDirectory(deps: Pick<ClientDeps, 'client' | 'session'>): Promise<void> {
  deps.session.dir = readDirectory(await deps.client.state());
}

async function slash(line: string, deps: ClientDeps): Promise<void> {
  const { session, io, runner } = deps;
  const parsed = parseSlash(line);
  if (!parsed.ok) {
    io.print(parsed.error);
    return;
  }
  if (!session.userId) {
    io.print('no acting user; pick one with: as <user>');
    return;
  }
  await refreshDirectory(deps);
  const command = findCommand(session.dir, parsed.value.name, session.guildId);
  const built = buildOptions(parsed.value.name, command, parsed.value.args, session.optionResolver());
  if (!built.ok) {
    io.print(`✗ ${built.error}`);
    return;
  }
  if (parsed.value.args.length > 0)
    for (const warning of built.value.warnings) io.print(deps.render().paint.dim(`note: ${warning}`));
  await runner.command(command?.name ?? parsed.value.name, built.value.options);
}

function listUsers({ session, io, render }: ClientDeps): void {
  const { paint } = render();
  const guildId = session.guildId;
  const lines = session.dir.users.map((user) => {
    const marker = user.id === session.userId ? '*' : ' ';
    let line = `${marker} ${paint.bold(user.username)}${user.bot ? ' [BOT]' : ''} ${paint.dim(user.id)}`;
    if (guildId) {
      if (!memberOf(session.dir, guildId, user.id)) return `${line} ${paint.dim('— not in this guild')}`;
      const roles = memberRoleNames(session.dir, guildId, user.id);
      const owner = session.guild?.owner_id === user.id ? ' · owner' : '';
      line += ` — ${roles.length > 0 ? roles.join(', ') : 'no roles'}${owner}`;
    }
    return line;
  });
  io.print(lines.join('\n'));
}

function where({ session, io, client }: ClientDeps): void {
  const user = session.user;
  const place = session.inDm
    ? `DMs${session.currentChannelId ? ` (channel ${session.currentChannelId})` : ''}`
    : `${session.guild?.name ?? '?'} (${session.guildId}) #${session.channel?.name ?? '?'} (${session.channelId})`;
  io.print(
    [
      `acting as ${user?.username ?? '?'} (${session.userId ?? 'none'}) in ${place}`,
      `target message: ${session.target ? `${session.target.id} in channel ${session.target.channelId}` : 'none'}`,
      `emulator: ${client.baseUrl}`,
    ].join('\n'),
  );
}

/** Messages in a channel that the acting user may see (others' ephemeral messages are hidden). */
function visible(messages: StoredMessage[], userId: string | undefined): StoredMessage[] {
  return messages.filter((m) => !m.ephemeralFor || m.ephemeralFor === userId);
}

async function history(count: string, deps: ClientDeps): Promise<void> {
  const { session, io, client, runner } = deps;
  const channelId = session.currentChannelId;
  if (!channelId) {
    io.print('no channel here yet (in DMs, send a command first)');
    return;
  }
  const n = count ? Number(count) : 10;
  if (!Number.isInteger(n) || n < 1) {
    io.print('usage: history [count]');
    return;
  }
  const messages = visible(await client.channelMessages(channelId, session.userId), session.userId).slice(-n);
  if (messages.length === 0) {
    io.print(deps.render().paint.dim('(no messages)'));
    return;
  }
  for (const { message } of messages) runner.showMessage(message, { note: `· ${message.id}` });
}

async function targetMessage(id: string, deps: ClientDeps): Promise<void> {
  const { session, io, client, runner } = deps;
  if (!/^\d+$/.test(id)) {
    io.print('usage: msg <message id>');
    return;
  }
  const here = session.currentChannelId;
  const channels = [
    ...(here ? [here] : []),
    ...(session.guildId ? guildChannels(session.dir, session.guildId).map((c) => c.id) : []),
    ...session.dmChannels.values(),
  ].filter((c, i, all) => all.indexOf(c) === i);
  for (const channelId of channels) {
    const found = (await client.channelMessages(channelId, session.userId).catch(() => [])).find(
      (m) => m.message.id === id,
    );
    if (found) {
      runner.showMessage(found.message, { note: '(target)' });
      session.target = { id, channelId: found.message.channel_id ?? channelId, message: found.message };
      return;
    }
  }
  io.print(`no message ${id} in this guild's channels`);
}

async function press(args: string[], deps: ClientDeps): Promise<void> {
  const { session, io, runner } = deps;
  if (args.length !== 1) {
    io.print('usage: press <button number>');
    return;
  }
  if (!session.target) {
    io.print('no bot message with components yet');
    return;
  }
  const data = pressButton(session.target.message.components, args[0] ?? '');
  if (!data.ok) {
    io.print(`✗ ${data.error}`);
    return;
  }
  await runner.component(data.value);
}

async function select(args: string[], deps: ClientDeps): Promise<void> {
  const { session, io, runner } = deps;
  if (args.length < 1) {
    io.print('usage: select <menu number> <option numbers…>');
    return;
  }
  if (!session.target) {
    io.print('no bot message with components yet');
    return;
  }
  const [menu, ...picks] = args;
  const data = chooseInSelect(session.target.message.components, menu ?? '', picks, session.pickResolver());
  if (!data.ok) {
    io.print(`✗ ${data.error}`);
    return;
  }
  await runner.component(data.value);
}

function listCommands({ session, io, render }: ClientDeps): void {
  const { paint } = render();
  const commands = visibleCommands(session.dir, session.guildId);
  if (commands.length === 0) {
    io.print('no commands are registered in the emulator yet (run: npm run register)');
    return;
  }
  io.print(
    commands.map((c) => `/${c.name}${c.description ? paint.dim(` — ${c.description}`) : ''}`).join('\n'),
  );
}

/** Runs one line; resolves to 'quit' when the person wants to leave. */
export async function runLine(line: string, deps: ClientDeps): Promise<'quit' | undefined> {
  const text = line.trim();
  if (text === '') return undefined;
  const { session, io } = deps;
  if (text.startsWith('/')) {
    await slash(text, deps);
    return undefined;
  }
  const word = text.split(/\s+/)[0] ?? '';
  const name = word.toLowerCase();
  if (name === 'say') {
    const said = text.slice(word.length).trim();
    if (said) await postPlainMessage(said, deps);
    else io.print('usage: say <text>');
    return undefined;
  }
  if (!CLIENT_WORDS.includes(name) && !ALIASES.includes(name)) {
    await postPlainMessage(text, deps);
    return undefined;
  }
  const rest = unquote(text.slice(word.length));
  const tokens = tokenizeArgs(text.slice(word.length));
  if (!tokens.ok) {
    io.print(`✗ ${tokens.error}`);
    return undefined;
  }
  const args = tokens.value.map((t) => (t.name === undefined ? t.value : `${t.name}:${t.value}`));
  const report = (result: { ok: true; value: string } | { ok: false; error: string }) =>
    io.print(result.ok ? result.value : `✗ ${result.error}`);
  switch (name) {
    case 'quit':
    case 'exit':
      return 'quit';
    case 'help':
    case '?':
      io.print(HELP);
      break;
    case 'as':
      if (!rest) {
        io.print('usage: as <user>');
        return undefined;
      }
      await refreshDirectory(deps);
      report(session.actAs(rest));
      break;
    case 'users':
      await refreshDirectory(deps);
      listUsers(deps);
      break;
    case 'guild':
      if (!rest) {
        io.print('usage: guild <name|id>');
        return undefined;
      }
      await refreshDirectory(deps);
      report(session.useGuild(rest));
      break;
    case 'guilds':
      await refreshDirectory(deps);
      io.print(
        session.dir.guilds
          .map((g) => `${g.id === session.guildId ? '*' : ' '} ${g.name} (${g.id})`)
          .join('\n'),
      );
      break;
    case 'channel':
      if (!rest) {
        io.print('usage: channel <#name|id>');
        return undefined;
      }
      await refreshDirectory(deps);
      report(session.useChannel(rest));
      break;
    case 'channels':
      if (!session.guildId) {
        io.print('in DMs there is one channel');
        return undefined;
      }
      await refreshDirectory(deps);
      io.print(
        guildChannels(session.dir, session.guildId)
          .map(
            (c) => `${c.id === session.channelId ? '*' : ' '} #${c.name ?? c.id} (${c.id}, type ${c.type})`,
          )
          .join('\n'),
      );
      break;
    case 'dm':
      report(session.useDm());
      break;
    case 'where':
      where(deps);
      break;
    case 'press':
      await press(args, deps);
      break;
    case 'select':
      await select(args, deps);
      break;
    case 'msg':
      await targetMessage(args[0] ?? '', deps);
      break;
    case 'history':
      await history(args[0] ?? '', deps);
      break;
    case 'commands':
      await refreshDirectory(deps);
      listCommands(deps);
      break;
    case 'react':
    case 'unreact':
      await react(args, deps, name === 'unreact');
      break;
    case 'join':
    case 'leave':
      await refreshDirectory(deps);
      await membership(rest, deps, name);
      break;
  }
  return undefined;
}
