import { InteractionResponseType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { AnyMessageComponent } from '../../../cli/component-index';
import { renderComponents } from '../../../cli/render/components';
import {
  EPHEMERAL_MARKER,
  type MessageView,
  renderMessage,
  renderThinking,
} from '../../../cli/render/message';
import { renderOptions } from '../../../cli/render/options';
import { renderInteractionResponse } from '../../../cli/render/response';
import { IDS, lookup, plain } from './fixtures';
import { botMessage, PAGER } from './messages';

const now = new Date('2025-01-15T12:00:00Z');
const opts = (colour = false) => renderOptions({ colour, now, timeZone: 'UTC', lookup });

describe('components', () => {
  it('numbers buttons across rows and lists select options by number', () => {
    expect(renderComponents(PAGER as AnyMessageComponent[], opts())).toEqual([
      '[1] ◀ Previous   [2] Next ▶',
      '▾ select 1: Pick a category (pick 1–2)',
      '    1. General — Everyday commands',
      '    2. 🛡️ Moderation',
      '    3. Fun ✓',
      '[3] Docs ↗ https://example.com/docs   [4] Close (disabled)',
      '▾ select 2: Whom? (pick 1)',
      '    choose users by name, e.g. select 2 @ada',
      '▾ select 3: Make a selection (pick 1–2)',
      '    choose channels by name, e.g. select 3 #general',
    ]);
  });

  it('colours buttons by style when colour is on', () => {
    const [row] = renderComponents(PAGER as AnyMessageComponent[], opts(true));
    expect(row).toContain('\x1b[38;2;88;101;242m[2] Next ▶\x1b[39m');
    expect(plain(row ?? '')).toBe('[1] ◀ Previous   [2] Next ▶');
  });

  it('numbers buttons inside containers and section accessories in reading order', () => {
    const components = [
      {
        type: 17,
        accent_color: 0xff0000,
        components: [
          { type: 10, content: '**Queue**' },
          {
            type: 9,
            components: [{ type: 10, content: 'Song A' }],
            accessory: { type: 2, style: 2, custom_id: 'a', label: 'Skip' },
          },
          { type: 1, components: [{ type: 2, style: 1, custom_id: 'b', label: 'Play' }] },
        ],
      },
    ] as AnyMessageComponent[];
    expect(renderComponents(components, opts())).toEqual(['┃ Queue', '┃ Song A', '┃ [1] Skip', '┃ [2] Play']);
  });
});

describe('messages', () => {
  it('renders header, content and numbered components', () => {
    const text = renderMessage(botMessage({ content: `Hi <@${IDS.ada}>` }) as MessageView, opts());
    const lines = text.split('\n');
    expect(lines[0]).toBe('Edgeward [BOT] · 09:30');
    expect(lines[1]).toBe('Hi @Ada');
    expect(lines[2]).toBe('[1] ◀ Previous   [2] Next ▶');
    expect(text).not.toContain(EPHEMERAL_MARKER);
  });

  it('marks ephemeral messages', () => {
    const text = renderMessage({ content: 'secret', flags: 64 }, opts());
    expect(text.split('\n')).toEqual(['Edgeward [BOT]', 'secret', '👁 only you can see this']);
  });

  it('shows who used which command, and edits', () => {
    const text = renderMessage(
      {
        content: 'pong',
        edited_timestamp: '2025-01-15T09:31:00.000Z',
        interaction_metadata: { user: { id: IDS.ada, username: 'ada', global_name: 'Ada' } },
      },
      opts(),
      { commandName: 'ping' },
    );
    expect(text.split('\n').slice(0, 2)).toEqual(['↳ Ada used /ping', 'Edgeward [BOT] (edited)']);
  });

  it('renders embeds of a message', () => {
    const text = renderMessage({ embeds: [{ title: 'Hello', color: 0xff0000 }] }, opts());
    expect(text.split('\n')).toEqual(['Edgeward [BOT]', '┃ Hello']);
  });

  it('shows the thinking placeholder of a deferred reply', () => {
    expect(renderThinking(opts(), false)).toBe('Edgeward [BOT]\nEdgeward is thinking…');
    expect(renderThinking(opts(), true)).toContain(EPHEMERAL_MARKER);
    const deferred = renderInteractionResponse(
      { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 64 } },
      opts(),
    );
    expect(deferred).toBe(`Edgeward [BOT]\nEdgeward is thinking…\n${EPHEMERAL_MARKER}`);
  });

  it('renders interaction responses: message, update, modal', () => {
    const reply = renderInteractionResponse(
      {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { content: '**Prefix** set', flags: 64 },
      },
      opts(),
    );
    expect(reply).toBe(`Edgeward [BOT]\nPrefix set\n${EPHEMERAL_MARKER}`);
    const update = renderInteractionResponse(
      { type: InteractionResponseType.UpdateMessage, data: { content: 'Page 2' } },
      opts(),
    );
    expect(update).toBe('Edgeward [BOT] (updated)\nPage 2');
    const modal = renderInteractionResponse(
      {
        type: InteractionResponseType.Modal,
        data: {
          custom_id: 'm',
          title: 'Feedback',
          components: [
            { type: 1, components: [{ type: 4, custom_id: 'text', style: 2, label: 'Your thoughts' }] },
            { type: 18, label: 'Name', component: { type: 4, custom_id: 'name', style: 1, required: false } },
          ],
        },
      } as never,
      opts(),
    );
    expect(modal).toBe('▭ Feedback\n  1. Your thoughts *\n  2. Name');
  });
});
