/** Bot messages with components, shared by the CLI tests. */
import type { APIMessage, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { IDS } from './fixtures';

export const PAGER: APIMessageTopLevelComponent[] = [
  {
    type: 1,
    components: [
      { type: 2, style: 2, custom_id: 'help:prev:0', label: 'Previous', emoji: { name: '◀' } },
      { type: 2, style: 1, custom_id: 'help:next:2', label: 'Next ▶' },
    ],
  },
  {
    type: 1,
    components: [
      {
        type: 3,
        custom_id: 'help:pick',
        placeholder: 'Pick a category',
        min_values: 1,
        max_values: 2,
        options: [
          { label: 'General', value: 'general', description: 'Everyday commands' },
          { label: 'Moderation', value: 'mod', emoji: { name: '🛡️' } },
          { label: 'Fun', value: 'fun', default: true },
        ],
      },
    ],
  },
  {
    type: 1,
    components: [
      { type: 2, style: 5, url: 'https://example.com/docs', label: 'Docs' },
      { type: 2, style: 4, custom_id: 'help:close', label: 'Close', disabled: true },
    ],
  },
  { type: 1, components: [{ type: 5, custom_id: 'help:user', placeholder: 'Whom?' }] },
  { type: 1, components: [{ type: 8, custom_id: 'help:chan', channel_types: [0], max_values: 2 }] },
];

export const botMessage = (over: Partial<APIMessage> = {}): APIMessage =>
  ({
    id: '1400000000000000001',
    channel_id: IDS.general,
    author: {
      id: IDS.app,
      username: 'Edgeward',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    },
    content: 'Page 1 of 3',
    timestamp: '2025-01-15T09:30:00.000Z',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 20,
    components: PAGER,
    ...over,
  }) as APIMessage;
