import type { APIMessage } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseClientArgs } from '../../../cli/client-args';
import type { ClientDeps } from '../../../cli/client-commands';
import { EmulatorClient } from '../../../cli/emulator-client';
import { typedMentionsToIds } from '../../../cli/mention-text';
import { NO_REPLY_HINT, NO_SHARD_HINT } from '../../../cli/plain-messages';
import { completer } from '../../../cli/repl';
import { startClient } from './client-harness';
import type { FakeEmulator } from './fake-emulator';
import { directory, IDS } from './fixtures';
import { botMessage, PAGER } from './messages';

let emu: FakeEmulator;
let deps: ClientDeps;
let run: (line: string) => Promise<string>;

beforeEach(async () => {
  ({ emu, deps, run } = await startClient());
});

const REPLY_ID = '1400000000000000042';

/** At the `afterPolls`-th look at the channel, the bot replies (once) to the last posted message. */
const botReplies = (over: Partial<APIMessage> = {}, afterPolls = 1) => {
  let polls = 0;
  emu.onPoll = (channelId) => {
    const posted = emu.lastPosted;
    if (++polls !== afterPolls || !posted || posted.channel_id !== channelId) return;
    emu.store(
      botMessage({
        id: REPLY_ID,
        channel_id: channelId,
        type: 19,
        content: '',
        message_reference: { type: 0, message_id: posted.id, channel_id: channelId },
        embeds: [{ title: '📚 Help', description: 'Prefix: `!`' }],
        components: PAGER,
        ...over,
      }),
    );
  };
};

describe('posting plain messages', () => {
  it('posts a line that is not a command as the acting user in the current channel', async () => {
    botReplies();
    await run('!help');
    expect(emu.posted).toEqual([{ channel_id: IDS.general, author_id: IDS.ada, content: '!help' }]);
    await run('as max');
    await run('?about the bot');
    expect(emu.posted[1]).toEqual({ channel_id: IDS.general, author_id: IDS.max, content: '?about the bot' });
    expect(emu.sent).toEqual([]);
  });

  it('turns a typed @bot or @user into a real mention', async () => {
    botReplies();
    const text = await run('@Edgeward stats');
    expect(emu.posted[0]?.content).toBe(`<@${IDS.app}> stats`);
    expect(text).toContain(`sent as: <@${IDS.app}> stats`);
    await run('@edgeward');
    expect(emu.posted[1]?.content).toBe(`<@${IDS.app}>`);
  });

  it('keeps client commands, and say forces a message', async () => {
    expect(await run('help me')).toContain('client commands:');
    expect(await run('say')).toBe('usage: say <text>');
    expect(emu.posted).toEqual([]);
    botReplies();
    await run("say help it's me");
    expect(emu.posted).toEqual([{ channel_id: IDS.general, author_id: IDS.ada, content: "help it's me" }]);
  });

  it('posts in DMs with dm: true and waits in the DM channel', async () => {
    await run('dm');
    botReplies({ components: [] });
    const text = await run('!help');
    expect(emu.posted).toEqual([{ dm: true, author_id: IDS.ada, content: '!help' }]);
    expect(text).toContain('📚 Help');
    expect(deps.session.currentChannelId).toBe(emu.dmChannelId);
  });

  it('reports a message the emulator refuses', async () => {
    deps.session.userId = undefined;
    expect(await run('hello')).toBe('no acting user; pick one with: as <user>');
    deps.session.chooseDefaults();
    deps.client = new EmulatorClient('http://emu.test', (async (input: string, init?: RequestInit) =>
      String(input).endsWith('/__emulator/messages')
        ? new Response(JSON.stringify({ error: 'author is not a member' }), { status: 400 })
        : emu.fetch(input, init)) as typeof fetch);
    expect(await run('hello')).toBe('✗ emulator POST /__emulator/messages → 400: author is not a member');
  });
});

describe("the bot's reply", () => {
  it('is awaited and rendered with its embeds and numbered components', async () => {
    emu.store(botMessage({ id: '1400000000000000007', content: 'an older bot message' }));
    botReplies({}, 3);
    const text = await run('!help');
    expect(text).toContain('Edgeward [BOT] · 09:30 (reply)');
    expect(text).toContain('📚 Help');
    expect(text).toContain('[1] ◀ Previous   [2] Next ▶');
    expect(text).not.toContain('an older bot message');
    expect(deps.session.target?.id).toBe(REPLY_ID);
  });

  it('takes press and select like an interaction reply, naming its message id', async () => {
    botReplies();
    await run('!help');
    emu.answer = () => {
      emu.store(botMessage({ id: REPLY_ID, content: 'Page 2 of 3' }));
      return { type: 7, data: { content: 'Page 2 of 3' } };
    };
    const text = await run('press 2');
    expect(emu.sent[0]).toEqual({
      type: 3,
      user_id: IDS.ada,
      guild_id: IDS.guild,
      channel_id: IDS.general,
      message_id: REPLY_ID,
      data: { custom_id: 'help:next:2', component_type: 2 },
    });
    expect(text).toContain('(updated)');
    expect(text).toContain('Page 2 of 3');
    emu.answer = () => ({ type: 6 });
    await run('select 1 1');
    expect(emu.sent[1]).toMatchObject({
      message_id: REPLY_ID,
      data: { custom_id: 'help:pick', values: ['general'] },
    });
  });

  it('in DMs, is pressed without a guild', async () => {
    await run('dm');
    botReplies();
    await run('!help');
    emu.answer = () => ({ type: 6 });
    await run('press 1');
    expect(emu.sent[0]).toEqual({
      type: 3,
      user_id: IDS.ada,
      channel_id: emu.dmChannelId,
      message_id: REPLY_ID,
      data: { custom_id: 'help:prev:0', component_type: 2 },
    });
  });

  it('ignores bot messages that reply to something else', async () => {
    botReplies({
      message_reference: { type: 0, message_id: '1400000000000000099', channel_id: IDS.general },
    });
    expect(await run('!help')).toBe(`(no reply within 0.06 s: ${NO_REPLY_HINT})`);
  });

  it('hints at the gateway shards when nothing comes', async () => {
    expect(await run('!stats')).toBe(`(no reply within 0.06 s: ${NO_REPLY_HINT})`);
    expect(NO_REPLY_HINT).toContain('GATEWAY_ENABLED');
    expect(NO_REPLY_HINT).toContain('Message Content intent');
  });

  it('does not wait when no gateway session received the message', async () => {
    emu.delivered = [];
    let polls = 0;
    emu.onPoll = () => polls++;
    expect(await run('!stats')).toBe(`(no reply: ${NO_SHARD_HINT})`);
    expect(polls).toBe(0);
  });
});

describe('typed mentions', () => {
  const dir = directory();
  it('converts exact user names, nicknames and display names, anywhere in the text', () => {
    expect(typedMentionsToIds('@Edgeward help', dir, IDS.guild)).toBe(`<@${IDS.app}> help`);
    expect(typedMentionsToIds('!avatar @maxi, then (@Ada.)', dir, IDS.guild)).toBe(
      `!avatar <@${IDS.max}>, then (<@${IDS.ada}>.)`,
    );
  });

  it('leaves @everyone, unknown names, partial names and e-mail addresses alone', () => {
    for (const text of ['@everyone look', '@nobody', '@Edge help', 'ada@max.example', `<@${IDS.ada}>`])
      expect(typedMentionsToIds(text, dir, IDS.guild)).toBe(text);
  });
});

describe('completion', () => {
  it('completes user names after an @', () => {
    expect(completer(deps.session)('hi @Ed')).toEqual([['@Edgeward'], '@Ed']);
    expect(completer(deps.session)('@a')).toEqual([['@ada', '@alan'], '@a']);
  });
});

describe('--reply-timeout', () => {
  it('sets how long the client waits for a reply, in seconds (default 5)', () => {
    const parsed = (argv: string[], env = {}) => {
      const result = parseClientArgs(argv, env);
      return result.ok ? result.value.replyTimeoutMs : result.error;
    };
    expect(parsed([])).toBe(5000);
    expect(parsed(['--reply-timeout', '12'])).toBe(12_000);
    expect(parsed(['--reply-timeout=0.5'])).toBe(500);
    expect(parsed([], { EDGEWARD_REPLY_TIMEOUT: '8' })).toBe(8000);
    expect(parsed(['--reply-timeout', 'soon'])).toBe(
      '--reply-timeout must be a number of seconds above 0, not "soon"',
    );
  });
});
