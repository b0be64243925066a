import type {
  APIActionRowComponent,
  APIApplicationCommandOptionChoice,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';

/** A message the bot sends, independent of how it travels (interaction response or channel message). */
export interface ReplyMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Only the invoking user sees it (slash and components; prefix replies are public). */
  ephemeral?: boolean;
  /** Attached files: sent with deferred results and prefix replies (multipart uploads). */
  files?: { name: string; data: Uint8Array; contentType: string }[];
}

/** What a handler returns. The transport turns it into an HTTP body or a channel message. */
export type Reply =
  | { kind: 'message'; message: ReplyMessage }
  | { kind: 'update'; message: ReplyMessage }
  | { kind: 'defer'; ephemeral: boolean; update: boolean; work: () => Promise<ReplyMessage> }
  | { kind: 'autocomplete'; choices: APIApplicationCommandOptionChoice[] }
  | { kind: 'modal'; modal: APIModalInteractionResponseCallbackData };

export const reply = {
  /** A new message (slash: the interaction response; prefix: a reply in the channel). */
  message: (message: ReplyMessage): Reply => ({ kind: 'message', message }),
  /** Edit the message whose component was used (components only). */
  update: (message: ReplyMessage): Reply => ({ kind: 'update', message }),
  /**
   * Acknowledge now and finish in the background: the work runs after the response is sent
   * (`waitUntil`), and its result replaces the placeholder. For work up to ~25 s.
   */
  defer: (
    work: () => Promise<ReplyMessage>,
    opts: { ephemeral?: boolean; update?: boolean } = {},
  ): Reply => ({
    kind: 'defer',
    ephemeral: opts.ephemeral ?? false,
    update: opts.update ?? false,
    work,
  }),
  autocomplete: (choices: APIApplicationCommandOptionChoice[]): Reply => ({
    kind: 'autocomplete',
    choices: choices.slice(0, 25),
  }),
  modal: (modal: APIModalInteractionResponseCallbackData): Reply => ({ kind: 'modal', modal }),
};
