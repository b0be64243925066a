import { DiscordAPIError, type REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { assetKey } from '../backups/assets';
import type { GuildSettingsStore } from '../settings/guild-settings';
import type { Operation } from './plan-types';
import { resolveRefs } from './resolve-refs';

export interface ApplyContext {
  rest: REST;
  bucket: R2Bucket;
  settings: GuildSettingsStore;
  guildId: string;
  jobId: string;
  actorId: string;
  idMap: ReadonlyMap<string, string>;
}

/** Discord failed in a way that may hide a completed write (5xx, a cut connection): reconcile, never resend blindly. */
export class Interrupted extends Error {}

export type ApplyOutcome =
  | {
      state: 'done';
      targetId: string | null;
      remember?: Remembered[];
    }
  | { state: 'skipped' | 'failed'; error: string };

/** The audit-log reason every write carries: how a resumed job recognises what it already did. */
export const auditReason = (jobId: string, key: string) => `Edgeward restore ${jobId} ${key}`.slice(0, 512);

async function dataUri(bucket: R2Bucket, sha256: string, contentType: string): Promise<string | null> {
  const object = await bucket.get(assetKey(sha256));
  if (!object) return null;
  const bytes = new Uint8Array(await object.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${contentType};base64,${btoa(binary)}`;
}

type Remembered = { sourceId: string; targetId: string; kind: string };

/** The body with each `{asset}` image replaced by its bytes as a data URI (left out if storage lost it). */
async function withImages(bucket: R2Bucket, body: Record<string, unknown>, keys: string[]) {
  const out: Record<string, unknown> = { ...body };
  for (const key of keys) {
    const value = body[key] as { asset?: { sha256: string; contentType: string } } | undefined;
    if (!value?.asset) continue;
    const uri = await dataUri(bucket, value.asset.sha256, value.asset.contentType);
    if (uri) out[key] = uri;
    else delete out[key];
  }
  return out;
}

/** The hash Discord gave each uploaded image, so that a later plan knows it is already there. */
function uploadedHashes(body: Record<string, unknown>, answer: unknown, keys: string[]): Remembered[] {
  return keys.flatMap((key) => {
    const value = body[key] as { asset?: { sha256: string } } | undefined;
    const hash = (answer as Record<string, unknown> | null)?.[key];
    return value?.asset && typeof hash === 'string'
      ? [{ sourceId: `image:${value.asset.sha256}`, targetId: hash, kind: 'image' }]
      : [];
  });
}

const GUILD_IMAGES = ['icon', 'banner', 'splash'];
const ROLE_IMAGES = ['icon'];

const GONE = new Set([10003, 10011, 10014, 10060, 10026]);

/** Makes the Discord call(s) for one operation. Never throws for Discord's answers: it classifies them. */
export async function applyOperation(op: Operation, ctx: ApplyContext): Promise<ApplyOutcome> {
  const reason = auditReason(ctx.jobId, op.key);
  const g = ctx.guildId;
  const r = ctx.rest;
  try {
    const o = resolveRefs(op, ctx.idMap);
    switch (o.type) {
      case 'role.create': {
        const body = await withImages(ctx.bucket, o.body, ROLE_IMAGES);
        const created = (await r.post(Routes.guildRoles(g), { body, reason })) as { id: string };
        return {
          state: 'done',
          targetId: created.id,
          remember: uploadedHashes(o.body, created, ROLE_IMAGES),
        };
      }
      case 'role.update': {
        const body = await withImages(ctx.bucket, o.body, ROLE_IMAGES);
        const updated = await r.patch(Routes.guildRole(g, o.targetId), { body, reason });
        return {
          state: 'done',
          targetId: o.targetId,
          remember: uploadedHashes(o.body, updated, ROLE_IMAGES),
        };
      }
      case 'role.delete':
        await r.delete(Routes.guildRole(g, o.targetId), { reason });
        return { state: 'done', targetId: o.targetId };
      case 'role.positions':
        await r.patch(Routes.guildRoles(g), { body: o.entries, reason });
        return { state: 'done', targetId: null };
      case 'channel.create':
        return {
          state: 'done',
          targetId: ((await r.post(Routes.guildChannels(g), { body: o.body, reason })) as { id: string }).id,
        };
      case 'channel.update':
        await r.patch(Routes.channel(o.targetId), { body: o.body, reason });
        return { state: 'done', targetId: o.targetId };
      case 'channel.delete':
        await r.delete(Routes.channel(o.targetId), { reason });
        return { state: 'done', targetId: o.targetId };
      case 'channel.positions':
        await r.patch(Routes.guildChannels(g), { body: o.entries, reason });
        return { state: 'done', targetId: null };
      case 'emoji.create': {
        const image = await dataUri(ctx.bucket, o.image.sha256, o.image.contentType);
        if (!image) return { state: 'skipped', error: 'the emoji image is missing from storage' };
        const created = (await r.post(Routes.guildEmojis(g), {
          body: { name: o.name, image, roles: o.roles },
          reason,
        })) as { id: string };
        return { state: 'done', targetId: created.id };
      }
      case 'emoji.update':
        await r.patch(Routes.guildEmoji(g, o.targetId), { body: { name: o.name, roles: o.roles }, reason });
        return { state: 'done', targetId: o.targetId };
      case 'emoji.delete':
        await r.delete(Routes.guildEmoji(g, o.targetId), { reason });
        return { state: 'done', targetId: o.targetId };
      case 'sticker.create': {
        const object = await ctx.bucket.get(assetKey(o.image.sha256));
        if (!object) return { state: 'skipped', error: 'the sticker image is missing from storage' };
        const data = new Uint8Array(await object.arrayBuffer());
        const created = (await r.post(Routes.guildStickers(g), {
          body: { name: o.name, description: o.description, tags: o.tags },
          files: [
            {
              key: 'file',
              name: o.image.contentType === 'application/json' ? 'sticker.json' : 'sticker.png',
              data,
              contentType: o.image.contentType,
            },
          ],
          appendToFormData: true,
          reason,
        })) as { id: string };
        return { state: 'done', targetId: created.id };
      }
      case 'sticker.delete':
        await r.delete(Routes.guildSticker(g, o.targetId), { reason });
        return { state: 'done', targetId: o.targetId };
      case 'guild.update': {
        const body = await withImages(ctx.bucket, o.body, GUILD_IMAGES);
        const updated = await r.patch(Routes.guild(g), { body, reason });
        return { state: 'done', targetId: null, remember: uploadedHashes(o.body, updated, GUILD_IMAGES) };
      }
      case 'member.roles':
        await r.patch(Routes.guildMember(g, o.userId), { body: { roles: o.roles }, reason });
        return { state: 'done', targetId: o.userId };
      case 'bans.add':
        await r.post(Routes.guildBulkBan(g), {
          body: { user_ids: o.userIds, delete_message_seconds: 0 },
          reason,
        });
        return { state: 'done', targetId: null };
      case 'ban.remove':
        await r.delete(Routes.guildBan(g, o.userId), { reason });
        return { state: 'done', targetId: o.userId };
      case 'bot.settings': {
        await ctx.settings.setPrefix(g, o.prefix, ctx.actorId);
        await ctx.settings.setMentionPrefix(g, o.mentionPrefix, ctx.actorId);
        for (const req of o.roleRequirements)
          await ctx.settings.addRoleRequirement(g, req.command, req.roleId as string, ctx.actorId);
        return { state: 'done', targetId: null };
      }
    }
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status < 500) {
      if (error.code === 10007) return { state: 'skipped', error: 'the member left the server' };
      if (GONE.has(Number(error.code)) && op.type.endsWith('.delete'))
        return { state: 'done', targetId: null };
      return { state: 'failed', error: `Discord refused (${error.code}): ${error.message}`.slice(0, 300) };
    }
    if (error instanceof Error && error.name === 'UnresolvedRef')
      return { state: 'skipped', error: error.message };
    throw new Interrupted(error instanceof Error ? error.message : String(error));
  }
}
