/**
 * The events the framework emits, with their payloads. Every payload is plain JSON (it may travel through
 * a Queue). A scheduled "hook" task may emit any other name; its payload is `CustomEventPayload`.
 */
export interface FrameworkEvents {
  command_executed: {
    command: string;
    userId: string;
    guildId: string | null;
    transport: 'slash' | 'prefix';
  };
  command_error: {
    command: string;
    userId: string;
    guildId: string | null;
    transport: 'slash' | 'prefix';
    error: string;
  };
  guild_joined: { guildId: string; name: string; memberCount: number | null };
  guild_left: { guildId: string };
  member_joined: { guildId: string; userId: string; username: string; bot: boolean };
  member_left: { guildId: string; userId: string; username: string };
  message_created: {
    guildId: string | null;
    channelId: string;
    messageId: string;
    authorId: string;
    authorBot: boolean;
    content: string;
    /** The author's role ids (empty outside guilds). */
    roles: string[];
  };
  reaction_added: ReactionPayload;
  reaction_removed: ReactionPayload;
  extension_enabled: { guildId: string; extension: string; by: string };
  extension_disabled: { guildId: string; extension: string; by: string };
  backup_created: { guildId: string; backupId: string; trigger: 'manual' | 'auto' | 'safety' | 'import' };
  restore_finished: { guildId: string; jobId: string; status: 'done' | 'failed' | 'cancelled' };
}

export interface ReactionPayload {
  guildId: string | null;
  channelId: string;
  messageId: string;
  userId: string;
  emoji: { id: string | null; name: string | null };
}

export interface CustomEventPayload {
  guildId: string | null;
  /** The scheduled task that emitted it, if any. */
  taskId?: string;
  content?: string | null;
}

export type FrameworkEventName = keyof FrameworkEvents;
export type EventName = FrameworkEventName | (string & {});
export type PayloadOf<E extends string> = E extends FrameworkEventName
  ? FrameworkEvents[E]
  : CustomEventPayload;

export const FRAMEWORK_EVENTS = [
  'command_executed',
  'command_error',
  'guild_joined',
  'guild_left',
  'member_joined',
  'member_left',
  'message_created',
  'reaction_added',
  'reaction_removed',
  'extension_enabled',
  'extension_disabled',
  'backup_created',
  'restore_finished',
] as const satisfies readonly FrameworkEventName[];
