import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { runBackupJob } from '../../worker/backups/backup-job';
import { emulator, type InteractionRecord, interact, resetEmulator } from './harness';

export const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
/** Who runs the restore, and where: Ada in the demo guild's #general unless a test says otherwise. */
export type At = { user_id: string; guild_id: string; channel_id: string };
export const inDemo: At = { user_id: DEMO.users.ada, ...where };

/** Calls the emulator's Discord REST API as the bot (to damage the guild the way a nuke would). */
export async function discord(method: string, path: string, body?: unknown) {
  const res = await fetch(`${env.DISCORD_API_BASE}${path}`, {
    method,
    headers: { authorization: `Bot ${env.DISCORD_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok && res.status !== 204) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/** Clean restore state between tests. */
export async function cleanRestoreState() {
  await resetEmulator();
  await env.DB.batch(
    ['backups', 'restore_jobs', 'restore_ops', 'restore_id_map', 'backup_jobs'].map((t) =>
      env.DB.prepare(`DELETE FROM ${t}`),
    ),
  );
}

/** A backup of the demo guild, with the bot lifted to the top first (as a backup bot should be). */
export async function demoBackup(label: string) {
  await botOnTop();
  return runBackupJob(env, {
    jobId: crypto.randomUUID(),
    kind: 'manual',
    guildId: DEMO.guildId,
    authorId: DEMO.users.ada,
    label,
  });
}

/** Presses the preview's ♻️ Restore button. */
export async function pressRestore(preview: { id: string; components?: unknown[] }, at: At = inDemo) {
  const go = (preview.components as any[])[2].components.find((c: any) => c.label === '♻️ Restore');
  expect(go.disabled).toBe(false);
  return interact({
    type: 3,
    ...at,
    message_id: preview.id,
    data: { custom_id: go.custom_id, component_type: 2 },
  });
}

/** As a backup bot should be: its member also holds the server's top (Administrator) role. */
export async function botOnTop() {
  await emulator(`/guilds/${DEMO.guildId}/members/${DEMO.botUserId}`, {
    method: 'PATCH',
    body: { roles: [DEMO.roles.bot, DEMO.roles.admin] },
  });
}

export async function messageTitle(channelId: string, messageId: string) {
  const messages = await emulator<any[]>(`/channels/${channelId}/messages`);
  return messages.find((m) => m.id === messageId)?.embeds?.[0]?.title as string | undefined;
}

export async function waitForMessageTitle(
  messageId: string,
  pattern: RegExp,
  timeoutMs = 30_000,
  channelId: string = DEMO.channels.general,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const title = await messageTitle(channelId, messageId);
    if (title && pattern.test(title)) return title;
    if (Date.now() > deadline) throw new Error(`timed out; last title: ${title}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function openPreview(backupId: string, mode: string, at: At = inDemo) {
  const res = await interact({
    type: 2,
    ...at,
    data: {
      name: 'backuprestore',
      options: [
        { name: 'id', type: 3, value: backupId },
        { name: 'mode', type: 3, value: mode },
      ],
    },
  });
  expect(res.body.type).toBe(5);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const record = await emulator<InteractionRecord>(`/interactions/${res.id}`);
    const message = record.messages[0];
    if (message?.embeds?.[0]?.title?.includes('preview')) return message;
    if (Date.now() > deadline) throw new Error('no preview');
    await new Promise((r) => setTimeout(r, 200));
  }
}
