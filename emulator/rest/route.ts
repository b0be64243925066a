import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { UploadedFile } from '../attachments';
import type { EmulatorContext } from '../context';
import { errors, type Reply } from '../http';
import type { TokenPair } from '../oauth/store';
import { computeChannelPermissions, DM_PERMISSIONS, has } from '../permissions';
import type { BucketName } from '../rate-limits';
import type { AuthKind } from '../request-log';
import type { ChannelRecord, GuildRecord } from '../state';

/** A REST route: how it is authenticated and rate limited, and its handler. */
export interface RestRequest {
  ctx: EmulatorContext;
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** `files[n]` parts of a multipart body (empty for JSON). */
  files: UploadedFile[];
  /** Other file parts of a multipart body by field name (the sticker upload's `file`). */
  namedFiles: Record<string, UploadedFile>;
  auth: AuthKind;
  /** The raw `Authorization` header (OAuth2 client authentication reads `Basic`). */
  authorization: string | undefined;
  /** With a valid `Bearer` token (routes that take one): its grant (user, scopes, expiry). */
  bearer: TokenPair | undefined;
  /** `form` routes: the `application/x-www-form-urlencoded` body (undefined for any other body). */
  form: URLSearchParams | undefined;
  /** `X-Audit-Log-Reason`, URL-decoded, at most 512 characters; stored on the audit log entry of a write. */
  reason: string | undefined;
}

export interface RestRoute {
  pattern: string;
  /**
   * `bot`: needs `Authorization: Bot <token>`; `bearer`: a live OAuth2 access token; `bot-or-bearer`: either (the
   * handler sees `bearer` set for a token); `none`: no auth (interaction callbacks, webhooks, the OAuth2 token routes).
   */
  auth: 'bot' | 'bearer' | 'bot-or-bearer' | 'none';
  /** Takes `application/x-www-form-urlencoded` (the OAuth2 token routes): other bodies reach the handler as no `form`. */
  form?: boolean;
  bucket?: BucketName;
  /** The major parameter of the bucket key. */
  major?: 'channel' | 'guild' | 'webhook' | 'interaction';
  /** Interaction endpoints are exempt from the global limit. */
  exemptFromGlobal?: boolean;
  handler(req: RestRequest): Reply | Promise<Reply>;
}

export type AddRoute = (method: string, pattern: string, route: Omit<RestRoute, 'pattern'>) => void;

/** The guild, if it exists (10004) and the bot is in it (50001). */
export function requireGuild(ctx: EmulatorContext, guildId: string): GuildRecord {
  const guild = ctx.store.guild(guildId);
  if (!guild) throw errors.unknownGuild();
  if (!guild.members.some((m) => m.user_id === ctx.store.state.botUserId)) throw errors.missingAccess();
  return guild;
}

/** The bot's permissions in a channel (DMs: the fixed DM set). */
export function botPermissionsIn(ctx: EmulatorContext, channel: ChannelRecord): bigint {
  if (!channel.guild_id) return DM_PERMISSIONS;
  const guild = ctx.store.guild(channel.guild_id);
  if (!guild) return 0n;
  return computeChannelPermissions(guild, channel, ctx.store.state.botUserId) ?? 0n;
}

/** The channel, if it exists (10003) and the bot can see it (50001). */
export function requireChannel(ctx: EmulatorContext, channelId: string): ChannelRecord {
  const channel = ctx.store.channel(channelId);
  if (!channel) throw errors.unknownChannel();
  if (channel.guild_id) {
    const guild = ctx.store.guild(channel.guild_id);
    if (!guild?.members.some((m) => m.user_id === ctx.store.state.botUserId)) throw errors.missingAccess();
  }
  if (!has(botPermissionsIn(ctx, channel), PermissionFlagsBits.ViewChannel)) throw errors.missingAccess();
  return channel;
}

export function bodyRecord(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body))
    return body as Record<string, unknown>;
  throw errors.invalidFormBody({
    _errors: [{ code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }],
  });
}
