/**
 * Sends interactions through the emulator and shows what comes back: the immediate reply, the
 * "thinking" placeholder and the deferred reply, updates to the pressed message, modals (asked field
 * by field), and follow-ups that arrive in the background.
 */
import {
  type APIInteractionResponse,
  type APIMessage,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import { hasInteractiveComponents } from './component-index';
import {
  asInteractionResponse,
  type EmulatorClient,
  type InteractionRecord,
  type InteractionRequest,
  type SendResult,
} from './emulator-client';
import { modalFields, modalSubmitData } from './modal';
import { type MessageExtras, type MessageView, renderMessage } from './render/message';
import type { RenderOptions } from './render/options';
import { renderInteractionResponse } from './render/response';
import type { Session } from './session';

export interface Io {
  /** Prints a block of text; safe to call while the prompt is showing. */
  print(text: string): void;
  /** Asks one question and resolves with the answer line. */
  ask(question: string): Promise<string>;
}

export interface Timing {
  /** How long to wait for a deferred reply or update. */
  deferredMs: number;
  /** How long to keep listening for follow-ups after the last one. */
  followupMs: number;
}

interface Context extends MessageExtras {
  /** For component interactions: the message that was pressed. */
  target?: { id: string; channelId: string };
}

const CANCEL = ':cancel';

const fingerprint = (m: APIMessage) => JSON.stringify([m.content, m.embeds, m.components, m.flags]);
const isLoading = (m: APIMessage) => ((m.flags ?? 0) & MessageFlags.Loading) !== 0;

export class InteractionRunner {
  private readonly shown = new Map<string, string>();
  private readonly watchers = new Set<AbortController>();

  constructor(
    private readonly client: EmulatorClient,
    private readonly session: Session,
    private readonly io: Io,
    private readonly render: () => RenderOptions,
    private readonly timing: Timing = { deferredMs: 15_000, followupMs: 10_000 },
  ) {}

  /** user, guild and channel of an interaction sent from where the person is. */
  private where(channelId?: string): Pick<InteractionRequest, 'user_id' | 'guild_id' | 'channel_id'> {
    const base: Pick<InteractionRequest, 'user_id' | 'guild_id' | 'channel_id'> = {
      user_id: this.session.userId ?? '',
    };
    const channel = channelId ?? this.session.currentChannelId;
    const guildId = channelId
      ? this.session.dir.channels.find((c) => c.id === channelId)?.guild_id
      : this.session.guildId;
    if (guildId) base.guild_id = guildId;
    if (channel) base.channel_id = channel;
    return base;
  }

  async command(name: string, options: unknown[]): Promise<void> {
    const data: { name: string; options?: unknown[] } = { name };
    if (options.length > 0) data.options = options;
    const sent = await this.client.send({ type: InteractionType.ApplicationCommand, ...this.where(), data });
    await this.handle(sent, { commandName: name });
  }

  async component(data: { custom_id: string; component_type: number; values?: string[] }): Promise<void> {
    const target = this.session.target;
    if (!target) throw new Error('no message to act on');
    const sent = await this.client.send({
      type: InteractionType.MessageComponent,
      ...this.where(target.channelId),
      message_id: target.id,
      data,
    });
    await this.handle(sent, { target: { id: target.id, channelId: target.channelId } });
  }

  /** Shows a message and remembers it as the target when it has components. */
  showMessage(message: APIMessage, extras: MessageExtras = {}): void {
    if (message.id) this.shown.set(message.id, fingerprint(message));
    this.io.print(renderMessage(message as MessageView, this.render(), extras));
    if (message.id && message.channel_id && hasInteractiveComponents(message.components)) {
      this.session.target = { id: message.id, channelId: message.channel_id, message };
    } else if (message.id && this.session.target?.id === message.id) {
      this.session.target = { ...this.session.target, message };
    }
  }

  /** Shows messages of a record that are new or changed since last shown. */
  private showChanges(record: InteractionRecord, context: Context): void {
    for (const { message } of record.messages) {
      if (!message.id || isLoading(message)) continue;
      const before = this.shown.get(message.id);
      if (before === fingerprint(message)) continue;
      const note = before !== undefined || message.id === context.target?.id ? '(updated)' : undefined;
      this.showMessage(message, note ? { ...context, note } : context);
    }
  }

  private async record(id: string): Promise<InteractionRecord | undefined> {
    try {
      return await this.client.interaction(id);
    } catch {
      return undefined;
    }
  }

  private learnDmChannel(record: InteractionRecord | undefined): void {
    const interaction = record?.interaction as { channel_id?: string; channel?: { id?: string } } | undefined;
    const channelId = interaction?.channel_id ?? interaction?.channel?.id;
    if (this.session.inDm && this.session.userId && channelId)
      this.session.dmChannels.set(this.session.userId, channelId);
  }

  private async handle(sent: SendResult, context: Context): Promise<void> {
    const { paint } = this.render();
    let record = await this.record(sent.id);
    this.learnDmChannel(record);
    const response = asInteractionResponse(sent.response) ?? asInteractionResponse(record?.response);
    if (sent.status !== 0 && (sent.status < 200 || sent.status >= 300)) {
      const body = typeof sent.response === 'string' ? sent.response : JSON.stringify(sent.response ?? null);
      this.io.print(
        paint.bold(`✗ the bot answered HTTP ${sent.status}`) + paint.dim(` ${body.slice(0, 300)}`),
      );
      return;
    }
    if (sent.error) {
      const body = JSON.stringify(sent.error.body ?? null).slice(0, 300);
      this.io.print(
        paint.bold(`✗ Discord (the emulator) rejected the bot's response: ${sent.error.status ?? ''}`) +
          paint.dim(` ${body}`),
      );
      return;
    }
    if (!response) {
      this.io.print(
        paint.dim(
          `(no interaction response from the bot: ${JSON.stringify(sent.response ?? null).slice(0, 200)})`,
        ),
      );
      return;
    }
    switch (response.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        this.showReply(response, record, context);
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource:
      case InteractionResponseType.DeferredMessageUpdate: {
        this.io.print(renderInteractionResponse(response, this.render(), context));
        record = await this.client.wait(sent.id, 1, this.timing.deferredMs);
        if (!record) {
          this.io.print(paint.dim(`(no reply within ${this.timing.deferredMs / 1000} s)`));
          return;
        }
        if (response.type === InteractionResponseType.DeferredMessageUpdate)
          await this.showTarget(record, context);
        this.showChanges(record, context);
        break;
      }
      case InteractionResponseType.UpdateMessage:
        await this.showTarget(record, context, response);
        break;
      case InteractionResponseType.Modal:
        this.io.print(renderInteractionResponse(response, this.render(), context));
        await this.fillModal(response.data.custom_id, response.data.components, context);
        return;
      default:
        this.io.print(renderInteractionResponse(response, this.render(), context));
    }
    if (record) this.watch(sent.id, record.followups.length + record.edits.length, context);
  }

  /** The reply of a type 4 response: the stored message (it has an id) or else the response data. */
  private showReply(
    response: APIInteractionResponse,
    record: InteractionRecord | undefined,
    context: Context,
  ): void {
    const stored = record?.messages.find(({ message }) => !isLoading(message))?.message;
    if (stored) this.showMessage(stored, context);
    else this.io.print(renderInteractionResponse(response, this.render(), context));
  }

  /** After an update: the pressed message as it now is. */
  private async showTarget(
    record: InteractionRecord | undefined,
    context: Context,
    response?: APIInteractionResponse,
  ): Promise<void> {
    const target = context.target;
    if (!target) return;
    let message = record?.messages.find((m) => m.message.id === target.id)?.message;
    if (!message) {
      try {
        message = (await this.client.channelMessages(target.channelId)).find(
          (m) => m.message.id === target.id,
        )?.message;
      } catch {
        message = undefined;
      }
    }
    if (message) {
      if (this.shown.get(message.id) !== fingerprint(message))
        this.showMessage(message, { ...context, note: '(updated)' });
    } else if (response) {
      this.io.print(renderInteractionResponse(response, this.render(), context));
    }
  }

  private async fillModal(customId: string, components: readonly unknown[], context: Context): Promise<void> {
    const fields = modalFields(components);
    const { paint } = this.render();
    this.io.print(paint.dim(`fill in the form (${CANCEL} to cancel):`));
    const answers: string[] = [];
    for (const field of fields) {
      const answer = await this.io.ask(`  ${field.label}${field.required ? ' *' : ''}: `);
      if (answer.trim() === CANCEL) {
        this.io.print(paint.dim('(form cancelled)'));
        return;
      }
      answers.push(answer);
    }
    const request: InteractionRequest = {
      type: InteractionType.ModalSubmit,
      ...this.where(context.target?.channelId),
      data: modalSubmitData(customId, fields, answers),
    };
    if (context.target) request.message_id = context.target.id;
    await this.handle(await this.client.send(request), context);
  }

  /** Shows follow-ups and edits as they arrive, until none comes for `followupMs`. */
  private watch(id: string, known: number, context: Context): void {
    const controller = new AbortController();
    this.watchers.add(controller);
    const loop = async () => {
      let count = known;
      while (!controller.signal.aborted) {
        const record = await this.client.wait(id, count + 1, this.timing.followupMs, controller.signal);
        if (!record || controller.signal.aborted) return;
        count = record.followups.length + record.edits.length;
        this.showChanges(record, context);
      }
    };
    loop()
      .catch(() => undefined)
      .finally(() => this.watchers.delete(controller));
  }

  /** Stops listening for follow-ups. */
  close(): void {
    for (const controller of this.watchers) controller.abort();
    this.watchers.clear();
  }
}
