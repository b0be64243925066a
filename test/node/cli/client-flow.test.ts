import type { APIMessage } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ClientDeps, runLine } from '../../../cli/client-commands';
import { EmulatorClient } from '../../../cli/emulator-client';
import { InteractionRunner } from '../../../cli/interactions';
import { parseEmoji } from '../../../cli/world-actions';
import { startClient } from './client-harness';
import type { FakeEmulator } from './fake-emulator';
import { IDS } from './fixtures';
import { botMessage } from './messages';

let emu: FakeEmulator;
let answers: string[];
let deps: ClientDeps;
let run: (line: string) => Promise<string>;

beforeEach(async () => {
  ({ emu, deps, answers, run } = await startClient());
});

/** The worker replies with a stored message (what the emulator does with a type 4 response). */
const replyWith = (message: APIMessage) => {
  emu.answer = (_body, record) => {
    record.messages.push(emu.store(message));
    return { type: 4, data: { content: message.content, components: message.components } };
  };
};

describe('slash commands', () => {
  it('sends a typed type 2 interaction as the acting user, in the current channel', async () => {
    emu.answer = () => ({ type: 4, data: { content: 'Prefix set to `?`', flags: 64 } });
    const text = await run('/setprefix prefix:?');
    expect(emu.sent).toEqual([
      {
        type: 2,
        user_id: IDS.ada,
        guild_id: IDS.guild,
        channel_id: IDS.general,
        data: { name: 'setprefix', options: [{ name: 'prefix', type: 3, value: '?' }] },
      },
    ]);
    expect(text).toContain('Prefix set to `?`');
    expect(text).toContain('only you can see this');
  });

  it('does not send when the options are wrong', async () => {
    expect(await run('/setprefix')).toBe('✗ missing required option: prefix:');
    expect(emu.sent).toEqual([]);
  });

  it('shows the thinking placeholder, then the deferred reply', async () => {
    emu.answer = () => ({ type: 5 });
    emu.onWait = (record) => {
      if (record.edits.length > 0) return;
      record.edits.push({ content: 'done' });
      record.messages.push(
        emu.store(botMessage({ id: '1400000000000000009', content: 'All done', components: [] })),
      );
    };
    const text = await run('/help');
    expect(text).toContain('Edgeward is thinking…');
    expect(text).toContain('All done');
  });

  it('says when a deferred reply never comes', async () => {
    emu.answer = () => ({ type: 5 });
    expect(await run('/help')).toContain('(no reply within 0.05 s)');
  });

  it('reports a failing worker', async () => {
    const original = emu.fetch;
    deps.client = new EmulatorClient('http://emu.test', (async (input: string, init?: RequestInit) => {
      const res = await original(input, init);
      if (String(input).endsWith('/send')) {
        return new Response(JSON.stringify({ id: '1', token: 't', status: 500, response: 'boom' }));
      }
      return res;
    }) as typeof fetch);
    deps.runner = new InteractionRunner(deps.client, deps.session, deps.io, deps.render);
    expect(await run('/help')).toBe('✗ the bot answered HTTP 500 boom');
  });
});

describe('components', () => {
  it('presses the numbered button of the last bot message and shows the update', async () => {
    replyWith(botMessage());
    const first = await run('/help');
    expect(first).toContain('[1] ◀ Previous   [2] Next ▶');
    emu.answer = () => {
      emu.store(botMessage({ content: 'Page 2 of 3' }));
      return { type: 7, data: { content: 'Page 2 of 3' } };
    };
    const text = await run('press 2');
    expect(emu.sent[1]).toEqual({
      type: 3,
      user_id: IDS.ada,
      guild_id: IDS.guild,
      channel_id: IDS.general,
      message_id: '1400000000000000001',
      data: { custom_id: 'help:next:2', component_type: 2 },
    });
    expect(text).toContain('(updated)');
    expect(text).toContain('Page 2 of 3');
  });

  it('picks select options by number', async () => {
    replyWith(botMessage());
    await run('/help');
    emu.answer = () => ({ type: 6 });
    await run('select 1 2 3');
    expect(emu.sent[1]?.data).toEqual({ custom_id: 'help:pick', component_type: 3, values: ['mod', 'fun'] });
  });

  it('explains when there is nothing to press', async () => {
    expect(await run('press 1')).toBe('no bot message with components yet');
    replyWith(botMessage());
    await run('/help');
    expect(await run('press 9')).toBe('✗ there are 4 buttons; no button 9');
  });

  it('targets another message with msg', async () => {
    emu.store(botMessage({ id: '1400000000000000005', content: 'older', components: [] }));
    const text = await run('msg 1400000000000000005');
    expect(text).toContain('older');
    expect(deps.session.target?.id).toBe('1400000000000000005');
  });

  it('fills in a modal field by field and submits it', async () => {
    emu.answer = (body) =>
      body.type === 2
        ? {
            type: 9,
            data: {
              custom_id: 'feedback',
              title: 'Feedback',
              components: [
                { type: 1, components: [{ type: 4, custom_id: 'text', style: 2, label: 'Thoughts' }] },
              ],
            },
          }
        : { type: 4, data: { content: 'Thanks!' } };
    answers.push('Great bot');
    const text = await run('/feedback');
    expect(emu.sent[1]).toMatchObject({
      type: 5,
      data: {
        custom_id: 'feedback',
        components: [{ type: 1, components: [{ type: 4, custom_id: 'text', value: 'Great bot' }] }],
      },
    });
    expect(text).toContain('Thanks!');
  });
});

describe('client commands', () => {
  it('switches the acting user, guild, channel and DMs', async () => {
    expect(deps.session.prompt()).toBe('ada@Edgeward Demo #general> ');
    expect(await run('as max')).toBe('acting as max');
    expect(await run('channel #admins')).toBe('now in #admins in Edgeward Demo');
    expect(deps.session.prompt()).toBe('max@Edgeward Demo #admins> ');
    expect(await run('guild Other Guild')).toBe('now in Other Guild #general');
    expect(await run('as olive')).toBe('acting as olive (not a member of this guild)');
    expect(await run('dm')).toBe('now in DMs with Edgeward');
    expect(deps.session.prompt()).toBe('olive@DM> ');
    await run('/help');
    expect(emu.sent[0]).toMatchObject({ type: 2, user_id: IDS.olive, data: { name: 'help' } });
    expect(emu.sent[0]).not.toHaveProperty('guild_id');
    expect(await run('as nobody')).toBe('✗ no user "nobody"; see: users');
  });

  it('lists users with their roles', async () => {
    const text = await run('users');
    expect(text).toContain(`* ada ${IDS.ada} — Member · owner`);
    expect(text).toContain(`  alan ${IDS.alan} — Admin, Member`);
    expect(text).toContain(`  Edgeward [BOT] ${IDS.app} — not in this guild`);
  });

  it('shows history, where, help and commands', async () => {
    emu.store(botMessage({ content: 'hello there', components: [] }));
    expect(await run('history')).toContain('hello there');
    expect(await run('where')).toContain(`acting as ada (${IDS.ada}) in Edgeward Demo`);
    expect(await run('help')).toContain('press <n>');
    expect(await run('commands')).toContain('/setprefix — Sets the prefix');
    expect(await runLine('quit', deps)).toBe('quit');
  });
});

describe('reactions and members', () => {
  it('reacts as the acting user to the message given, the target, or the last one; unreacts', async () => {
    const last = emu.store(botMessage({ content: 'react here', components: [] }));
    expect(await run('react 🎮 1300000000000000555')).toBe(`ada added 🎮 on 1300000000000000555`);
    expect(await run('unreact blob:1300000000000000777')).toBe(`ada removed blob on ${last.id}`);
    expect(parseEmoji('alpha:1300000000000000777')).toEqual({ name: 'alpha', id: '1300000000000000777' });
    expect(parseEmoji('<a:party:1300000000000000778>')).toEqual({ name: 'party', id: '1300000000000000778' });
    expect(emu.world).toEqual([
      {
        method: 'POST',
        path: '/__emulator/reactions',
        body: {
          channel_id: IDS.general,
          message_id: '1300000000000000555',
          user_id: IDS.ada,
          emoji: { name: '🎮' },
        },
      },
      {
        method: 'DELETE',
        path: '/__emulator/reactions',
        body: {
          channel_id: IDS.general,
          message_id: last.id,
          user_id: IDS.ada,
          emoji: { name: 'blob', id: '1300000000000000777' },
        },
      },
    ]);
    expect(await run('react')).toBe('usage: react <emoji> [message id]');
    expect(await run('react hello')).toBe('usage: react <emoji> [message id]');
  });

  it('makes a user join or leave the current guild', async () => {
    expect(await run('leave alan')).toBe('alan left Edgeward Demo');
    expect(await run('join alan')).toBe('alan joined Edgeward Demo');
    expect(emu.world.map((w) => `${w.method} ${w.path}`)).toEqual([
      `POST /__emulator/guilds/${IDS.guild}/members/${IDS.alan}/leave`,
      `POST /__emulator/guilds/${IDS.guild}/members/${IDS.alan}/join`,
    ]);
    expect(await run('join nobody')).toBe('usage: join <user>');
  });
});
