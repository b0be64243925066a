import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/);

/** One greeting: where it goes, its template, and whether it is an embed or plain text. */
const greeting = (defaultMessage: string) =>
  z
    .object({
      channelId: snowflake.nullable().default(null),
      message: z
        .string()
        .min(1, 'the message cannot be empty')
        .max(1500, 'the message can be at most 1500 characters')
        .default(defaultMessage),
      style: z.enum(['embed', 'text']).default('embed'),
    })
    .default({ channelId: null, message: defaultMessage, style: 'embed' });

export const WELCOME_DEFAULT = 'Welcome {user} to **{server}**! You are member #{membercount}.';
export const GOODBYE_DEFAULT = '**{user.name}** has left {server}. We are {membercount} now.';

/** The welcome extension's settings in one guild. A greeting without a channel is off. */
export const welcomeSettings = z.object({
  welcome: greeting(WELCOME_DEFAULT),
  goodbye: greeting(GOODBYE_DEFAULT),
});

export type WelcomeSettings = z.output<typeof welcomeSettings>;
export type Greeting = WelcomeSettings['welcome'];
export type GreetingKind = keyof WelcomeSettings;
