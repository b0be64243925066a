import type { REST } from '@discordjs/rest';
import { type APIEmbed, Routes } from 'discord-api-types/v10';
import { colours } from '../framework/embeds';

export interface ReplyTarget {
  applicationId: string;
  token: string;
  /** When the interaction was created: its token works for 15 minutes. */
  createdAt: number;
  channelId: string;
  /** The bot's own message that carries progress once the token has expired. */
  messageId?: string;
}

const TOKEN_SAFE_MS = 14 * 60 * 1000;

export function progressBar(done: number, total: number, width = 20) {
  const filled = total ? Math.round((done / total) * width) : width;
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** A duration for people: seconds under a minute and a half, then minutes. */
export const roughDuration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
};

export function progressEmbed(p: {
  phase: string;
  done: number;
  total: number;
  failed: number;
  skipped: number;
  etaSeconds: number;
  status: string;
}): APIEmbed {
  return {
    title: p.phase === 'paused' ? '⏸️ Restore paused' : '♻️ Restoring…',
    color: colours.warning,
    description: [
      `\`${progressBar(p.done, p.total)}\` ${p.done}/${p.total}`,
      `Phase: **${p.phase}**${p.status !== 'running' ? ` · ${p.status}` : ''}`,
      `Failed: ${p.failed} · Skipped: ${p.skipped} · About ${roughDuration(p.etaSeconds)} left`,
    ].join('\n'),
    timestamp: new Date().toISOString(),
  };
}

/**
 * Shows progress where the admin is looking: the interaction's message while its token lasts, then a
 * message of the bot's own in the channel (edited from then on). Returns the updated target.
 */
export async function showProgress(
  rest: REST,
  target: ReplyTarget,
  body: { embeds: APIEmbed[]; components?: unknown[] },
): Promise<ReplyTarget> {
  const payload = { ...body, allowed_mentions: { parse: [] } };
  if (Date.now() - target.createdAt < TOKEN_SAFE_MS) {
    try {
      await rest.patch(Routes.webhookMessage(target.applicationId, target.token, '@original'), {
        body: payload,
        auth: false,
      });
      return target;
    } catch {
      // fall through to the channel message
    }
  }
  try {
    if (target.messageId) {
      await rest.patch(Routes.channelMessage(target.channelId, target.messageId), { body: payload });
      return target;
    }
    const created = (await rest.post(Routes.channelMessages(target.channelId), { body: payload })) as {
      id: string;
    };
    return { ...target, messageId: created.id };
  } catch {
    return target;
  }
}
