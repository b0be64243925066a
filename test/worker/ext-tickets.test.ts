import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { createApp } from '../../worker/app';
import { database } from '../../worker/db/client';
import { ticketsExtension } from '../../worker/extensions/bundled/tickets';
import { readChannelHistory } from '../../worker/extensions/bundled/tickets/transcript';
import { setExtensionEnabled } from '../../worker/extensions/guild-extensions';
import type { PermissionName } from '../../worker/framework/command';
import { createRest } from '../../worker/services';
import { emulator, type Fetcher, type InteractionRecord, interactWith, resetEmulator } from './harness';
import { discord } from './restore-helpers';

/** The worker with the tickets extension; background work (waitUntil) is awaited with `settle`. */
const testApp = createApp({ extensions: [ticketsExtension] });
const pending: ExecutionContext[] = [];
const worker: Fetcher = {
  async fetch(request) {
    const ctx = createExecutionContext();
    pending.push(ctx);
    return testApp.fetch(request, env, ctx);
  },
};
const settle = () => Promise.all(pending.splice(0).map((ctx) => waitOnExecutionContext(ctx)));

const G = DEMO.guildId;
const general = { guild_id: G, channel_id: DEMO.channels.general };
const str = (name: string, value: string) => ({ name, type: 3, value });
const slash = (user: string, name: string, options: unknown[] = [], at: object = general) =>
  interactWith(worker, { type: 2, user_id: user, ...at, data: { name, options } });
const press = (user: string, channelId: string, messageId: string, customId: string) =>
  interactWith(worker, {
    type: 3,
    user_id: user,
    guild_id: G,
    channel_id: channelId,
    message_id: messageId,
    data: { custom_id: customId, component_type: 2 },
  });
/** The deferred answer of an interaction, once its background work is done. */
async function deferredAnswer(id: string) {
  await settle();
  const record = await emulator<InteractionRecord>(`/interactions/${id}`);
  return record.messages[0]!;
}

type Overwrite = { id: string; type: number; allow: string; deny: string };
type Channel = { id: string; name: string; parent_id: string | null; permission_overwrites: Overwrite[] };
const channels = async () => (await emulator<{ channels: Channel[] }>('/state')).channels;
/** The channel's messages everyone sees (not the ephemeral replies). */
const messagesIn = async (channelId: string) =>
  (await emulator<any[]>(`/channels/${channelId}/messages`)).filter((m) => !m.ephemeral);
const ticketRows = async () =>
  (await env.DB.prepare('SELECT * FROM tickets ORDER BY number').all<Record<string, any>>()).results;
const storedSettings = () =>
  env.DB.prepare("SELECT settings FROM guild_extensions WHERE extension = 'tickets'").first<{
    settings: string | null;
  }>();

/** Changes the bot role's permissions (the bot is lifted to Administrator for the edit, then put back). */
async function botRole(change: { grant?: PermissionName[]; revoke?: PermissionName[] }) {
  const member = `/guilds/${G}/members/${DEMO.botUserId}`;
  await emulator(member, { method: 'PATCH', body: { roles: [DEMO.roles.bot, DEMO.roles.admin] } });
  const roles = (await discord('GET', `/guilds/${G}/roles`)) as { id: string; permissions: string }[];
  let bits = BigInt(roles.find((r) => r.id === DEMO.roles.bot)!.permissions);
  for (const p of change.grant ?? []) bits |= PermissionFlagsBits[p];
  for (const p of change.revoke ?? []) bits &= ~PermissionFlagsBits[p];
  await discord('PATCH', `/guilds/${G}/roles/${DEMO.roles.bot}`, { permissions: bits.toString() });
  await emulator(member, { method: 'PATCH', body: { roles: [DEMO.roles.bot] } });
}

const bits = (...names: PermissionName[]) =>
  names.reduce((all, n) => all | PermissionFlagsBits[n], 0n).toString();

/** Mia (Manage Server) posts the panel in #general with Moderator as the support role. */
async function postPanel() {
  const res = await slash(DEMO.users.mia, 'ticket panel', [
    { name: 'channel', type: 7, value: DEMO.channels.general },
    { name: 'support_role', type: 8, value: DEMO.roles.moderator },
    str('title', 'Help desk'),
  ]);
  expect(res.body.data.embeds[0].title).toBe('✅ Ticket panel posted');
  const panel = (await messagesIn(DEMO.channels.general)).find((m) => m.embeds[0]?.title === 'Help desk');
  return { message: panel, button: panel.components[0].components[0] };
}

/** A member presses the panel's button; returns the ticket's row and the answer. */
async function openTicket(panel: { message: any; button: any }, user: string = DEMO.users.max) {
  const res = await press(user, DEMO.channels.general, panel.message.id, panel.button.custom_id);
  expect(res.body).toMatchObject({ type: 5, data: { flags: 64 } });
  const answer = await deferredAnswer(res.id);
  expect(answer.embeds[0]?.title).toBe('✅ Ticket #0001 is open');
  const [row] = await ticketRows();
  return { row: row!, answer };
}

describe('tickets extension', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.batch([
      env.DB.prepare('DELETE FROM tickets'),
      env.DB.prepare("DELETE FROM guild_extensions WHERE extension = 'tickets'"),
    ]);
    await setExtensionEnabled(database(env.DB), {
      guildId: G,
      extension: 'tickets',
      enabled: true,
      actorId: DEMO.users.olive,
    });
  });

  it('refuses the panel when the bot lacks Manage Channels, naming it, and writes nothing', async () => {
    await botRole({ grant: ['AttachFiles'], revoke: ['ManageChannels'] });
    const before = await messagesIn(DEMO.channels.general);
    const res = await slash(DEMO.users.mia, 'ticket panel', [
      { name: 'channel', type: 7, value: DEMO.channels.general },
      { name: 'support_role', type: 8, value: DEMO.roles.moderator },
    ]);
    expect(res.body.data.flags).toBe(64);
    expect(res.body.data.embeds[0].title).toBe('❌ The bot cannot run tickets here');
    expect(res.body.data.embeds[0].description).toContain('the bot is missing **Manage Channels**');
    expect(res.body.data.embeds[0].description).not.toContain('Manage Roles');
    expect(res.body.data.embeds[0].description).toContain('Nothing was changed.');
    expect(await messagesIn(DEMO.channels.general)).toEqual(before);
    expect((await storedSettings())?.settings ?? null).toBeNull();
  });

  it('needs Manage Server for the panel', async () => {
    const res = await slash(DEMO.users.max, 'ticket panel', [
      { name: 'channel', type: 7, value: DEMO.channels.general },
    ]);
    expect(res.body.data.embeds[0].title).toBe('❌ Missing permissions');
  });

  it('opens a private ticket with the exact overwrites, one per member', async () => {
    await botRole({ grant: ['AttachFiles'] });
    const panel = await postPanel();
    expect(panel.button.label).toBe('🎫 Open a ticket');
    // Anyone may press it, and it never expires.
    expect(panel.button.custom_id).toBe('tickets.open/*/0');
    expect(JSON.parse((await storedSettings())!.settings!)).toMatchObject({
      supportRoleId: DEMO.roles.moderator,
      panelTitle: 'Help desk',
    });

    const { row, answer } = await openTicket(panel);
    expect(row).toMatchObject({ guild_id: G, number: 1, opener_id: DEMO.users.max, status: 'open' });
    expect(answer.embeds[0]?.description).toContain(`<#${row.channel_id}>`);
    expect((answer.components as any[])[0].components[0].url).toBe(
      `https://discord.com/channels/${G}/${row.channel_id}`,
    );

    const channel = (await channels()).find((c) => c.id === row.channel_id)!;
    expect(channel.name).toBe('ticket-0001');
    expect(channel.parent_id).toBe(DEMO.channels.textCategory);
    const member = bits('ViewChannel', 'SendMessages', 'ReadMessageHistory', 'AttachFiles');
    expect(
      channel.permission_overwrites
        .map((o) => ({ ...o, type: Number(o.type) }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    ).toEqual(
      [
        { id: G, type: 0, allow: '0', deny: bits('ViewChannel') },
        { id: DEMO.users.max, type: 1, allow: member, deny: '0' },
        { id: DEMO.roles.moderator, type: 0, allow: member, deny: '0' },
        {
          id: DEMO.botUserId,
          type: 1,
          allow: bits('ViewChannel', 'SendMessages', 'ReadMessageHistory', 'ManageChannels'),
          deny: '0',
        },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const [welcome] = await messagesIn(channel.id);
    expect(welcome.embeds[0].title).toBe('🎫 Ticket #0001');
    expect(welcome.components[0].components[0]).toMatchObject({
      label: '🔒 Close',
      custom_id: 'tickets.close/*/0',
    });

    const again = await press(
      DEMO.users.max,
      DEMO.channels.general,
      panel.message.id,
      panel.button.custom_id,
    );
    expect(again.body.data.flags).toBe(64);
    expect(again.body.data.embeds[0].title).toBe('ℹ️ You already have a ticket');
    expect(again.body.data.embeds[0].description).toContain(`<#${channel.id}>`);
    await settle();
    expect(await ticketRows()).toHaveLength(1);
    expect((await channels()).filter((c) => c.name.startsWith('ticket-'))).toHaveLength(1);

    // Someone else gets the next number.
    const ada = await press(DEMO.users.ada, DEMO.channels.general, panel.message.id, panel.button.custom_id);
    expect((await deferredAnswer(ada.id)).embeds[0]?.title).toBe('✅ Ticket #0002 is open');
    expect((await channels()).map((c) => c.name)).toContain('ticket-0002');
  });

  it('removes the ticket and says why when Discord refuses the channel', async () => {
    await botRole({ grant: ['AttachFiles'] });
    const panel = await postPanel();
    await botRole({ revoke: ['ManageChannels'] });
    const res = await press(DEMO.users.max, DEMO.channels.general, panel.message.id, panel.button.custom_id);
    const answer = await deferredAnswer(res.id);
    expect(answer.embeds[0]?.title).toBe('❌ The ticket could not be opened');
    expect(answer.embeds[0]?.description).toContain('**Manage Channels**');
    expect(await ticketRows()).toEqual([]);
    expect((await channels()).filter((c) => c.name.startsWith('ticket-'))).toEqual([]);
  });

  it('lets only the opener, the support role or Manage Channels close; closing saves the transcript first', async () => {
    await botRole({ grant: ['AttachFiles'] });
    const logged = await slash(DEMO.users.mia, 'ticket settings', [
      { name: 'log_channel', type: 7, value: DEMO.channels.announcements },
    ]);
    expect(logged.body.data.embeds[0].title).toBe('✅ Ticket settings saved');
    const panel = await postPanel();
    // Olive opens it (a plain member of this server); Max is a plain member with no say over it.
    const { row } = await openTicket(panel, DEMO.users.olive);
    const channelId = row.channel_id as string;
    const [welcome] = await messagesIn(channelId);
    const close = welcome.components[0].components[0].custom_id;

    await emulator('/messages', {
      body: { channel_id: channelId, author_id: DEMO.users.olive, content: 'My order never came' },
    });
    await emulator('/messages', {
      body: { channel_id: channelId, author_id: DEMO.users.mia, content: 'Sorry!\nLet me check.' },
    });
    const form = new FormData();
    form.append(
      'payload_json',
      JSON.stringify({ content: 'Here is the receipt', attachments: [{ id: 0, filename: 'receipt.txt' }] }),
    );
    form.append('files[0]', new Blob(['paid']), 'receipt.txt');
    const upload = await fetch(`${env.DISCORD_API_BASE}/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${env.DISCORD_TOKEN}` },
      body: form,
    });
    const receipt = (await upload.json()) as any;
    const receiptUrl = receipt.attachments[0].url as string;

    // A stranger (no support role, no Manage Channels) cannot close it.
    const stranger = await press(DEMO.users.max, channelId, welcome.id, close);
    expect(stranger.body.data.flags).toBe(64);
    expect(stranger.body.data.embeds[0].title).toBe('❌ You cannot close this ticket');
    await settle();
    expect((await ticketRows())[0]).toMatchObject({ status: 'open', transcript_key: null });
    expect((await channels()).some((c) => c.id === channelId)).toBe(true);

    // The opener closes it.
    const closing = await press(DEMO.users.olive, channelId, welcome.id, close);
    expect(closing.body.data.embeds[0].title).toBe('ℹ️ Closing ticket #0001…');
    await settle();
    const [closed] = await ticketRows();
    expect(closed).toMatchObject({
      status: 'closed',
      closed_by: DEMO.users.olive,
      transcript_key: `tickets/${G}/0001-${row.id}.txt`,
      message_count: 4,
    });
    expect((await channels()).some((c) => c.id === channelId)).toBe(false);

    const transcript = await (await env.BACKUPS.get(closed!.transcript_key))!.text();
    const lines = transcript.split('\n');
    const first = lines.findIndex((l) => l.includes('🎫 Ticket #0001'));
    const order = ['My order never came', 'Sorry!', 'Let me check.', 'Here is the receipt'].map((text) =>
      lines.findIndex((l) => l.includes(text)),
    );
    expect(first).toBeGreaterThan(0);
    expect(order.every((at, i) => at > (i === 0 ? first : order[i - 1]!))).toBe(true);
    expect(transcript).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\] .+ \(1300000000000001000\): My order never came$/m,
    );
    expect(transcript).toContain(`[attachment] receipt.txt: ${receiptUrl}`);
    expect(transcript).toContain('Messages: 4');

    const [note] = (await messagesIn(DEMO.channels.announcements)).slice(-1);
    expect(note.embeds[0].title).toBe('🔒 Ticket #0001 closed');
    expect(note.embeds[0].fields).toContainEqual({
      name: 'Closed by',
      value: `<@${DEMO.users.olive}>`,
      inline: true,
    });

    // The support role reads it back as a file; a plain member may not.
    const refused = await slash(DEMO.users.max, 'ticket transcript', [{ name: 'number', type: 4, value: 1 }]);
    expect(refused.body.data.embeds[0].title).toBe('❌ Missing permissions');
    const res = await slash(DEMO.users.mia, 'ticket transcript', [{ name: 'number', type: 4, value: 1 }]);
    expect(res.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const answer = await deferredAnswer(res.id);
    expect(answer.embeds[0]?.title).toBe('✅ Transcript of ticket #0001');
    const file = answer.attachments[0]!;
    expect(file.filename).toBe('ticket-0001.txt');
    expect(await (await fetch(file.url)).text()).toBe(transcript);
  });

  it('keeps a closed ticket’s transcript when the channel cannot be deleted, and a retry deletes it', async () => {
    await botRole({ grant: ['AttachFiles'] });
    const panel = await postPanel();
    const { row } = await openTicket(panel);
    const channelId = row.channel_id as string;
    await emulator('/messages', {
      body: { channel_id: channelId, author_id: DEMO.users.max, content: 'hello' },
    });

    await botRole({ revoke: ['ManageChannels'] });
    const first = await slash(DEMO.users.mia, 'ticket close', [str('reason', 'solved')], {
      guild_id: G,
      channel_id: channelId,
    });
    expect(first.body.data.embeds[0].title).toBe('ℹ️ Closing ticket #0001…');
    const failed = await deferredAnswer(first.id);
    expect(failed.embeds[0]?.title).toBe('❌ Transcript saved, channel not deleted');
    const [closed] = await ticketRows();
    expect(closed).toMatchObject({ status: 'closed', closed_by: DEMO.users.mia, message_count: 2 });
    const saved = await (await env.BACKUPS.get(closed!.transcript_key))!.text();
    expect(saved).toContain('Reason: solved');
    expect((await channels()).some((c) => c.id === channelId)).toBe(true);

    await botRole({ grant: ['ManageChannels'] });
    const retry = await slash(DEMO.users.max, 'ticket close', [], { guild_id: G, channel_id: channelId });
    expect(retry.body.data.embeds[0].description).toContain('already saved');
    await settle();
    expect((await channels()).some((c) => c.id === channelId)).toBe(false);
    expect(await (await env.BACKUPS.get(closed!.transcript_key))!.text()).toBe(saved);
    expect((await ticketRows())[0]).toMatchObject({ status: 'closed', closed_by: DEMO.users.mia });
  });

  it('answers /ticket close outside a ticket and /ticket transcript for an open ticket clearly', async () => {
    const outside = await slash(DEMO.users.max, 'ticket close');
    expect(outside.body.data.embeds[0].title).toBe('❌ Not a ticket');
    const missing = await slash(DEMO.users.mia, 'ticket transcript', [{ name: 'number', type: 4, value: 7 }]);
    expect(missing.body.data.embeds[0].description).toBe('There is no ticket #0007 in this server.');
  });

  it('reads a long channel page by page, oldest first, keeping the newest when over the cap', async () => {
    for (let i = 1; i <= 230; i++)
      await emulator('/messages', {
        body: { channel_id: DEMO.channels.general, author_id: DEMO.users.max, content: `line ${i}` },
      });
    const rest = createRest({ apiBase: env.DISCORD_API_BASE!, token: env.DISCORD_TOKEN! });
    const all = await readChannelHistory(rest, DEMO.channels.general);
    const lines = all.messages.map((m) => m.content).filter((c) => c.startsWith('line '));
    expect(lines).toEqual(Array.from({ length: 230 }, (_, i) => `line ${i + 1}`));
    expect(all.truncated).toBe(false);
    const capped = await readChannelHistory(rest, DEMO.channels.general, 150);
    expect(capped.truncated).toBe(true);
    expect(capped.messages.map((m) => m.content)).toEqual(
      Array.from({ length: 150 }, (_, i) => `line ${i + 81}`),
    );
  });
});
