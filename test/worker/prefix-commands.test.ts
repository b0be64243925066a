import { env } from 'cloudflare:test';
import type { APIMessage, GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { registryFactory } from '../../worker/app';
import { commands, components, extensions } from '../../worker/commands';
import { loadConfig } from '../../worker/config';
import { handleMessage } from '../../worker/framework/prefix/handle-message';
import { createServices } from '../../worker/services';
import { emulator, resetEmulator } from './harness';

const registryFor = registryFactory({ commands, components, extensions });
const BOT = { id: DEMO.botUserId, name: 'Edgeward' };
const ROLES: Record<string, string[]> = {
  [DEMO.users.ada]: [DEMO.roles.member],
  [DEMO.users.alan]: [DEMO.roles.admin, DEMO.roles.member],
  [DEMO.users.max]: [DEMO.roles.member],
  [DEMO.users.mia]: [DEMO.roles.moderator, DEMO.roles.member],
  [DEMO.users.olive]: [DEMO.roles.member],
};

let nextId = 1300000000000090000n;

function message(
  content: string,
  author: string,
  opts: { bot?: boolean; channel?: string } = {},
): GatewayMessageCreateDispatchData {
  nextId += 1n;
  return {
    id: String(nextId),
    channel_id: opts.channel ?? DEMO.channels.general,
    guild_id: DEMO.guildId,
    author: {
      id: author,
      username: `user${author.slice(-2)}`,
      discriminator: '0',
      global_name: null,
      avatar: null,
      ...(opts.bot ? { bot: true } : {}),
    },
    member: {
      roles: ROLES[author] ?? [],
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
  } as unknown as GatewayMessageCreateDispatchData;
}

async function run(content: string, author: string, opts: { bot?: boolean; channel?: string } = {}) {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error('test configuration is incomplete');
  const pending: Promise<unknown>[] = [];
  const services = createServices(env, loaded.config, registryFor(loaded.config), (p) => pending.push(p));
  const outcome = await handleMessage(services, message(content, author, opts), BOT);
  await Promise.all(pending);
  return outcome;
}

async function lastBotMessage(channel: string = DEMO.channels.general) {
  const messages = await emulator<APIMessage[]>(`/channels/${channel}/messages`);
  return messages.filter((m) => m.author.id === DEMO.botUserId).at(-1);
}

describe('prefix and mention commands (synthetic gateway messages)', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.prepare('DELETE FROM guild_settings').run();
  });

  it('runs !help with the same handler as /help, replying in the channel', async () => {
    expect(await run('!help', DEMO.users.max)).toBe('ran');
    const reply = await lastBotMessage();
    expect(reply?.embeds[0]?.title).toBe('📚 Help');
    expect(reply?.components?.length).toBe(1);
    expect(reply?.message_reference).toBeDefined();
  });

  it('follows a custom prefix at once and ignores the old one', async () => {
    expect(await run('!setprefix ?', DEMO.users.alan)).toBe('ran');
    expect((await lastBotMessage())?.embeds[0]?.title).toBe('✅ Prefix changed');
    expect(await run('!help', DEMO.users.max)).toBe('no-command');
    expect(await run('?extensions browse', DEMO.users.max)).toBe('ran');
    expect((await lastBotMessage())?.embeds[0]?.title).toBe('🧩 Extensions');
  });

  it('runs @mention commands, and stops when the guild disables them', async () => {
    expect(await run(`<@${DEMO.botUserId}> extensions browse`, DEMO.users.max)).toBe('ran');
    await run('!mentionprefix disable', DEMO.users.alan);
    expect(await run(`<@${DEMO.botUserId}> extensions browse`, DEMO.users.max)).toBe('no-command');
  });

  it('answers a bare mention with the info card, showing the custom prefix', async () => {
    await run('!setprefix $$', DEMO.users.alan);
    expect(await run(`<@!${DEMO.botUserId}>`, DEMO.users.max)).toBe('info-card');
    expect((await lastBotMessage())?.embeds[0]?.fields?.[0]?.value).toContain('Prefix: `$$`');
  });

  it("runs a subcommand as two words, and lists a group's subcommands when none (or a wrong one) is given", async () => {
    expect(await run('!extensions browse 1', DEMO.users.max)).toBe('ran');
    expect((await lastBotMessage())?.embeds[0]?.title).toBe('🧩 Extensions');
    expect(await run('!extensions browse 0', DEMO.users.max)).toBe('ran');
    expect((await lastBotMessage())?.embeds[0]?.description).toContain('Usage: `!extensions browse [page]`');
    expect(await run('!extensions', DEMO.users.max)).toBe('group-help');
    const listed = (await lastBotMessage())?.embeds[0]?.description ?? '';
    expect(listed).toContain('`!extensions` needs a subcommand:');
    expect(listed).toContain('`!extensions search <query>`');
    expect(listed).toContain('`!extensions enable <name>`');
    expect(await run('!extensions nope', DEMO.users.max)).toBe('group-help');
    expect((await lastBotMessage())?.embeds[0]?.description).toContain(
      '`nope` is not a subcommand of `!extensions`',
    );
    // A slash-only subcommand says which slash command to use, and a group of them lists the slash forms.
    expect(await run('!schedule list', DEMO.users.max)).toBe('slash-only');
    expect((await lastBotMessage())?.embeds[0]?.description).toContain('use `/schedule list`');
    expect(await run('!schedule', DEMO.users.max)).toBe('group-help');
    expect((await lastBotMessage())?.embeds[0]?.description).toContain('`/schedule info <task>`');
    // A group of an extension that is off here says so instead of listing what it cannot run.
    expect(await run('!ticket', DEMO.users.max)).toBe('group-help');
    expect((await lastBotMessage())?.embeds[0]?.description).toContain(
      '`!ticket` belongs to the **tickets** extension, which is not enabled in this server',
    );
  });

  it('ignores bots and unknown commands without replying', async () => {
    const before = (await emulator<APIMessage[]>(`/channels/${DEMO.channels.general}/messages`)).length;
    expect(await run('!help', DEMO.users.max, { bot: true })).toBe('ignored');
    expect(await run('!nosuchcommand', DEMO.users.max)).toBe('unknown-command');
    expect((await emulator<APIMessage[]>(`/channels/${DEMO.channels.general}/messages`)).length).toBe(before);
  });

  it('applies the same permission checks as slash commands', async () => {
    await run('!setprefix ?', DEMO.users.max);
    expect((await lastBotMessage())?.embeds[0]?.title).toContain('Missing permissions');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM guild_settings').first<{ n: number }>())?.n).toBe(
      0,
    );
  });

  it('converts role mentions and names in arguments', async () => {
    await run(`!config set stats <@&${DEMO.roles.moderator}>`, DEMO.users.ada);
    expect((await lastBotMessage())?.embeds[0]?.title).toContain('Role requirement added');
    await run('!config remove stats Moderator', DEMO.users.ada);
    expect((await lastBotMessage())?.embeds[0]?.title).toContain('Role requirement removed');
    await run('!config set stats "No Such Role"', DEMO.users.ada);
    expect((await lastBotMessage())?.embeds[0]?.description).toContain('no role matches `No Such Role`');
  });

  it('shows usage on a missing argument', async () => {
    await run('!setprefix', DEMO.users.alan);
    const embed = (await lastBotMessage())?.embeds[0];
    expect(embed?.description).toContain('`prefix` is required');
    expect(embed?.description).toContain('Usage: `!setprefix <prefix>`');
  });

  it('answers aliases', async () => {
    expect(await run('!botinfo', DEMO.users.max)).toBe('ran');
    expect((await lastBotMessage())?.embeds[0]?.title).toMatch(/^🤖 Edgeward/);
  });
});
