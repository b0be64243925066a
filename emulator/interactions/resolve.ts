import { storedAttachment } from '../attachments';
import type { EmulatorContext } from '../context';
import { isRecord } from '../form-errors';
import { ControlError } from '../http';
import { computeChannelPermissions } from '../permissions';
import { channelObject, partialMemberObject, userObject } from '../serialize';

/**
 * `data.resolved` for interaction payloads: users (+ partial members in guilds), roles, channels (partial, with
 * the invoking member's permissions), messages and attachments, from option values or select values.
 */
export interface Resolved {
  users?: Record<string, unknown>;
  members?: Record<string, unknown>;
  roles?: Record<string, unknown>;
  channels?: Record<string, unknown>;
  messages?: Record<string, unknown>;
  attachments?: Record<string, unknown>;
}

export class Resolver {
  readonly resolved: Resolved = {};

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly guildId: string | undefined,
    private readonly invokerId: string,
    private readonly channelId: string,
  ) {}

  private put(kind: keyof Resolved, id: string, value: unknown): void {
    const map = this.resolved[kind] ?? {};
    map[id] = value;
    this.resolved[kind] = map;
  }

  get isEmpty(): boolean {
    return Object.keys(this.resolved).length === 0;
  }

  user(id: string): void {
    const user = userObject(this.ctx, id);
    if (!user) throw new ControlError(400, `unknown user ${id}`);
    this.put('users', id, user);
    const guild = this.guildId ? this.ctx.store.guild(this.guildId) : undefined;
    const member = guild?.members.find((m) => m.user_id === id);
    if (guild && member) {
      const channel = this.ctx.store.channel(this.channelId);
      const permissions =
        channel?.guild_id === guild.id ? computeChannelPermissions(guild, channel, id) : undefined;
      this.put('members', id, partialMemberObject(member, permissions));
    }
  }

  role(id: string): void {
    const role = this.guildId
      ? this.ctx.store.guild(this.guildId)?.roles.find((r) => r.id === id)
      : undefined;
    if (!role) throw new ControlError(400, `unknown role ${id} in guild ${this.guildId ?? '(DM)'}`);
    this.put('roles', id, structuredClone(role));
  }

  mentionable(id: string): void {
    if (this.ctx.store.user(id)) this.user(id);
    else this.role(id);
  }

  channel(id: string): void {
    const channel = this.ctx.store.channel(id);
    if (!channel) throw new ControlError(400, `unknown channel ${id}`);
    const full = channelObject(this.ctx, channel) as unknown as Record<string, unknown>;
    const partial: Record<string, unknown> = {};
    for (const key of [
      'id',
      'name',
      'type',
      'parent_id',
      'guild_id',
      'flags',
      'topic',
      'position',
      'nsfw',
      'last_message_id',
      'rate_limit_per_user',
    ]) {
      if (key in full) partial[key] = full[key];
    }
    const guild = channel.guild_id ? this.ctx.store.guild(channel.guild_id) : undefined;
    if (guild) {
      partial.permissions = (computeChannelPermissions(guild, channel, this.invokerId) ?? 0n).toString();
    }
    this.put('channels', id, partial);
  }

  message(id: string): void {
    const record = this.ctx.store.findMessage(id);
    if (!record) throw new ControlError(400, `unknown message ${id}`);
    this.put('messages', id, structuredClone(record.message));
  }

  /** A file uploaded through `POST /__emulator/attachments` (or any stored attachment). */
  attachment(id: string): void {
    const attachment = storedAttachment(this.ctx, id);
    if (!attachment) throw new ControlError(400, `unknown attachment ${id}`);
    this.put('attachments', id, attachment);
  }

  /** Walks command options (subcommands included) and resolves user/channel/role/mentionable/attachment values. */
  options(options: unknown): void {
    if (!Array.isArray(options)) return;
    for (const option of options) {
      if (!isRecord(option)) continue;
      const value = typeof option.value === 'string' ? option.value : undefined;
      if (value && !option.focused) {
        if (option.type === 6) this.user(value);
        else if (option.type === 7) this.channel(value);
        else if (option.type === 8) this.role(value);
        else if (option.type === 9) this.mentionable(value);
        else if (option.type === 11) this.attachment(value);
      }
      this.options(option.options);
    }
  }

  /** Select menu values by component type: 5 user, 6 role, 7 mentionable, 8 channel. */
  selectValues(componentType: number, values: string[]): void {
    for (const value of values) {
      if (componentType === 5) this.user(value);
      else if (componentType === 6) this.role(value);
      else if (componentType === 7) this.mentionable(value);
      else if (componentType === 8) this.channel(value);
    }
  }
}
