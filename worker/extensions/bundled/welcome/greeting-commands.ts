import { ChannelType } from 'discord-api-types/v10';
import { defineCommand } from '../../../framework/command';
import { toneEmbed } from '../../../framework/embeds';
import { option } from '../../../framework/options';
import { type ReplyMessage, reply } from '../../../framework/reply';
import { missingToPost } from '../bot-standing';
import { greetingMessage } from './greeting-message';
import { greetingValues } from './greeting-values';
import type { GreetingKind } from './settings';
import { PLACEHOLDERS, unknownPlaceholders } from './template';
import { welcomeStore } from './welcome-store';

const kindChoice = option.string('Which greeting', {
  required: true,
  choices: [
    { name: 'Welcome (members joining)', value: 'welcome' },
    { name: 'Goodbye (members leaving)', value: 'goodbye' },
  ],
});

const noun = (kind: GreetingKind) => (kind === 'welcome' ? 'welcome' : 'goodbye');

/** `/welcome join` and `/welcome leave`: where the greeting goes, its text and its style. */
export const greetingSetCommand = (kind: GreetingKind) =>
  defineCommand({
    name: kind === 'welcome' ? 'join' : 'leave',
    description:
      kind === 'welcome'
        ? 'Greet members who join, in a channel of your choice'
        : 'Say goodbye in a channel when members leave',
    category: 'Welcome',
    help: `Placeholders: ${PLACEHOLDERS.join(' ')}. Without a message the current (or default) one is kept.`,
    guildOnly: true,
    permissions: ['ManageGuild'],
    mutates: true,
    options: {
      channel: option.channel('Where to post it', {
        required: true,
        channelTypes: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
      }),
      message: option.string(`The text; placeholders: ${PLACEHOLDERS.join(' ')}`, {
        maxLength: 1500,
        rest: true,
      }),
      style: option.string('An embed or plain text', {
        choices: [
          { name: 'Embed', value: 'embed' },
          { name: 'Plain text', value: 'text' },
        ],
      }),
    },
    async run(ctx, { channel, message, style }) {
      const guildId = ctx.guildId as string;
      const store = welcomeStore(ctx.db);
      const current = await store.read(guildId);
      const next = {
        channelId: channel.id,
        message: message ?? current[kind].message,
        style: style ?? current[kind].style,
      };
      // Refuse a channel the bot cannot post in now, rather than fail on every join later.
      const missing = await missingToPost(ctx, channel.id, next.style === 'embed' ? ['EmbedLinks'] : []);
      if (missing.length)
        return reply.message({
          ephemeral: true,
          embeds: [
            toneEmbed(
              'error',
              'The bot cannot post there',
              `In <#${channel.id}> the bot is missing: ${missing.join(', ')}. Grant them in the channel's permissions and try again. Nothing was changed.`,
            ),
          ],
        });
      const saved = await store.write(
        guildId,
        { ...current, [kind]: next },
        ctx.user.id,
        `welcome.${kind}.set`,
      );
      if (!saved.ok)
        return reply.message({
          ephemeral: true,
          embeds: [toneEmbed('error', 'Invalid greeting', saved.problems.join('\n'))],
        });
      const unknown = unknownPlaceholders(next.message);
      return reply.message({
        ephemeral: true,
        embeds: [
          toneEmbed(
            unknown.length ? 'warning' : 'success',
            `The ${noun(kind)} message is on`,
            `It goes to <#${channel.id}> as ${next.style === 'embed' ? 'an embed' : 'plain text'}. See it with \`/welcome preview\`.${unknown.length ? `\nUnknown placeholders are shown as written: ${unknown.join(' ')}. Known: ${PLACEHOLDERS.join(' ')}.` : ''}`,
          ),
        ],
      });
    },
  });

export const welcomeOff = defineCommand({
  name: 'off',
  description: 'Turn the welcome or goodbye message off',
  category: 'Welcome',
  guildOnly: true,
  permissions: ['ManageGuild'],
  mutates: true,
  options: { which: kindChoice },
  async run(ctx, { which }) {
    const guildId = ctx.guildId as string;
    const store = welcomeStore(ctx.db);
    const current = await store.read(guildId);
    const kind = which as GreetingKind;
    if (!current[kind].channelId)
      return reply.message({
        ephemeral: true,
        embeds: [toneEmbed('info', 'Already off', `There is no ${noun(kind)} message to turn off.`)],
      });
    await store.write(
      guildId,
      { ...current, [kind]: { ...current[kind], channelId: null } },
      ctx.user.id,
      `welcome.${kind}.off`,
    );
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'success',
          `The ${noun(kind)} message is off`,
          'Its text is kept for when you turn it on again.',
        ),
      ],
    });
  },
});

export const welcomePreview = defineCommand({
  name: 'preview',
  description: 'See the welcome or goodbye message as members will, with you as the member',
  category: 'Welcome',
  guildOnly: true,
  permissions: ['ManageGuild'],
  options: { which: kindChoice },
  async run(ctx, { which }) {
    const guildId = ctx.guildId as string;
    const kind = which as GreetingKind;
    const greeting = (await welcomeStore(ctx.db).read(guildId))[kind];
    const values = await greetingValues(ctx.restNow(), guildId, ctx.user);
    const body = greetingMessage(kind, greeting, values);
    const where = greeting.channelId
      ? `Posted in <#${greeting.channelId}>.`
      : `Off: set a channel with \`/${kind}_set\`.`;
    const unknown = unknownPlaceholders(greeting.message);
    const message: ReplyMessage = {
      ephemeral: true,
      content:
        `**Preview** · ${where}${unknown.length ? ` Unknown placeholders: ${unknown.join(' ')}.` : ''}\n${body.content ?? ''}`.trim(),
      embeds: body.embeds ?? [],
    };
    return reply.message(message);
  },
});
