/** A small emulator state in the emulator's shape, and helpers shared by the CLI tests. */
import type { APIApplicationCommand, APIMessage } from 'discord-api-types/v10';
import { type Directory, readDirectory } from '../../../cli/directory';
import type { MentionLookup } from '../../../cli/render/markdown';

export const IDS = {
  app: '1300000000000000001',
  guild: '1300000000000000100',
  otherGuild: '1300000000000000200',
  olive: '1300000000000001000',
  ada: '1300000000000001001',
  alan: '1300000000000001002',
  max: '1300000000000001003',
  admin: '1300000000000000110',
  member: '1300000000000000112',
  general: '1300000000000000121',
  admins: '1300000000000000122',
  lounge: '1300000000000000125',
  otherGeneral: '1300000000000000221',
} as const;

const user = (id: string, username: string, extra: object = {}) => ({
  id,
  username,
  discriminator: '0',
  global_name: username[0]?.toUpperCase() + username.slice(1),
  avatar: null,
  ...extra,
});

const command = (body: Partial<APIApplicationCommand> & { name: string }): APIApplicationCommand =>
  ({
    id: `90${body.name.length}`,
    application_id: IDS.app,
    type: 1,
    description: body.name,
    version: '1',
    default_member_permissions: null,
    ...body,
  }) as APIApplicationCommand;

export const COMMANDS: APIApplicationCommand[] = [
  command({
    name: 'help',
    description: 'Lists commands',
    options: [{ type: 3, name: 'command', description: 'x' }],
  }),
  command({
    name: 'setprefix',
    description: 'Sets the prefix',
    options: [{ type: 3, name: 'prefix', description: 'x', required: true, max_length: 5 }],
  }),
  command({
    name: 'config',
    description: 'Configures the bot',
    options: [
      {
        type: 1,
        name: 'set',
        description: 'x',
        options: [
          { type: 3, name: 'command', description: 'x', required: true },
          { type: 8, name: 'role', description: 'x' },
          { type: 5, name: 'enabled', description: 'x' },
        ],
      },
      { type: 1, name: 'show', description: 'x' },
      {
        type: 2,
        name: 'channel',
        description: 'x',
        options: [
          {
            type: 1,
            name: 'allow',
            description: 'x',
            options: [{ type: 7, name: 'channel', description: 'x', required: true, channel_types: [0, 5] }],
          },
        ],
      },
    ],
  }),
  command({
    name: 'roll',
    description: 'Rolls dice',
    options: [
      { type: 4, name: 'sides', description: 'x', min_value: 2, max_value: 100 },
      { type: 10, name: 'bonus', description: 'x' },
      {
        type: 3,
        name: 'mode',
        description: 'x',
        choices: [
          { name: 'Fast', value: 'fast' },
          { name: 'Fair', value: 'fair' },
        ],
      },
      { type: 6, name: 'for', description: 'x' },
      { type: 9, name: 'target', description: 'x' },
    ],
  }),
];

export const STATE = {
  application: { id: IDS.app, name: 'Edgeward' },
  botUserId: IDS.app,
  users: [
    user(IDS.app, 'Edgeward', { bot: true, global_name: null }),
    user(IDS.olive, 'olive'),
    user(IDS.ada, 'ada'),
    user(IDS.alan, 'alan'),
    user(IDS.max, 'max'),
  ],
  guilds: [
    {
      id: IDS.guild,
      name: 'Edgeward Demo',
      owner_id: IDS.ada,
      roles: [
        { id: IDS.guild, name: '@everyone', position: 0, permissions: '0' },
        { id: IDS.admin, name: 'Admin', position: 4, permissions: '8' },
        { id: IDS.member, name: 'Member', position: 1, permissions: '0' },
      ],
      members: [
        { user_id: IDS.olive, roles: [IDS.member], nick: null },
        { user_id: IDS.ada, roles: [IDS.member], nick: null },
        { user_id: IDS.alan, roles: [IDS.admin, IDS.member], nick: null },
        { user_id: IDS.max, roles: [IDS.member], nick: 'Maxi' },
      ],
    },
    {
      id: IDS.otherGuild,
      name: 'Other Guild',
      owner_id: IDS.max,
      roles: [],
      members: [{ user_id: IDS.max, roles: [] }],
    },
  ],
  channels: [
    { id: '1300000000000000120', type: 4, guild_id: IDS.guild, name: 'Text Channels', position: 0 },
    {
      id: IDS.general,
      type: 0,
      guild_id: IDS.guild,
      name: 'general',
      position: 1,
      parent_id: '1300000000000000120',
    },
    { id: IDS.admins, type: 0, guild_id: IDS.guild, name: 'admins', position: 2 },
    { id: IDS.lounge, type: 2, guild_id: IDS.guild, name: 'Lounge', position: 3 },
    { id: IDS.otherGeneral, type: 0, guild_id: IDS.otherGuild, name: 'general', position: 0 },
  ],
  messages: { [IDS.general]: [] as { message: APIMessage }[] },
  commands: { global: COMMANDS, guilds: {} as Record<string, APIApplicationCommand[]> },
};

export const directory = (): Directory => readDirectory(structuredClone(STATE));

export const lookup: MentionLookup = {
  user: (id) => ({ [IDS.ada]: 'Ada', [IDS.max]: 'Maxi' })[id],
  channel: (id) => ({ [IDS.general]: 'general' })[id],
  role: (id) => ({ [IDS.admin]: 'Admin' })[id],
};

/** Strips ANSI escapes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes
export const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
