import type { APIEmbed, APIUser } from 'discord-api-types/v10';
import type { ReplyMessage } from './reply';

export const colours = {
  success: 0x57f287,
  error: 0xed4245,
  warning: 0xfee75c,
  info: 0x5865f2,
} as const;
export type Tone = keyof typeof colours;

const icons: Record<Tone, string> = { success: '✅', error: '❌', warning: '⚠️', info: 'ℹ️' };

export function displayName(user: Pick<APIUser, 'username' | 'global_name'>): string {
  return user.global_name ?? user.username;
}

export function avatarUrl(user: Pick<APIUser, 'id' | 'avatar'>): string | undefined {
  return user.avatar ? `https://cdn.discordapp.com/avatars/${user.id}/${user.avatar}.png` : undefined;
}

/** A consistently styled embed: coloured by tone, footer "Requested by …", timestamp. */
export function toneEmbed(
  tone: Tone,
  title: string,
  description?: string,
  opts: { requestedBy?: Pick<APIUser, 'id' | 'username' | 'global_name' | 'avatar'>; icon?: boolean } = {},
): APIEmbed {
  const embed: APIEmbed = {
    title: opts.icon === false ? title : `${icons[tone]} ${title}`,
    color: colours[tone],
    timestamp: new Date().toISOString(),
  };
  if (description) embed.description = description;
  if (opts.requestedBy) {
    const icon = avatarUrl(opts.requestedBy);
    embed.footer = {
      text: `Requested by ${displayName(opts.requestedBy)}`,
      ...(icon ? { icon_url: icon } : {}),
    };
  }
  return embed;
}

/** An ephemeral red error message, never with a stack trace. */
export function errorMessage(title: string, description: string): ReplyMessage {
  return { embeds: [toneEmbed('error', title, description)], ephemeral: true };
}

export function relativeTime(epochMs: number): string {
  return `<t:${Math.ceil(epochMs / 1000)}:R>`;
}
