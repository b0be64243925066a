import { computeChannelPermissions } from '../../../discord/permissions';
import { defineCommand, type PermissionName } from '../../../framework/command';
import type { CommandContext } from '../../../framework/context';
import { toneEmbed } from '../../../framework/embeds';
import { option } from '../../../framework/options';
import { reply } from '../../../framework/reply';
import { botStanding, lacking } from '../bot-standing';
import { firstMatch } from './rules';
import { FILTER_ACTIONS, type FilterSettings } from './settings';
import { filterStore } from './store';

const done = (title: string, text: string) =>
  reply.message({ ephemeral: true, embeds: [toneEmbed('success', title, text)] });
const refuse = (title: string, text: string) =>
  reply.message({ ephemeral: true, embeds: [toneEmbed('error', title, `${text}\nNothing was changed.`)] });

const common = {
  category: 'Message filter',
  guildOnly: true,
  permissions: ['ManageGuild'] as PermissionName[],
};

/** What the bot needs, server-wide, for the filter's action. */
function neededFor(action: FilterSettings['action']): PermissionName[] {
  return action === 'timeout' ? ['ManageMessages', 'ModerateMembers'] : ['ManageMessages'];
}

async function botLacks(ctx: CommandContext, needed: PermissionName[]) {
  const botId = ctx.config.applicationId;
  const standing = await botStanding(ctx.restNow(), ctx.guildId as string, botId);
  const granted = computeChannelPermissions({
    guildId: standing.guild.id,
    ownerId: standing.guild.owner_id,
    userId: botId,
    memberRoles: standing.memberRoles,
    roles: standing.roles,
    overwrites: [],
  });
  return lacking(granted, needed);
}

async function update(ctx: CommandContext, change: (s: FilterSettings) => FilterSettings, action: string) {
  const store = filterStore(ctx.db);
  const current = await store.read(ctx.guildId as string);
  return store.write(ctx.guildId as string, change(current), ctx.user.id, action);
}

export const filterAdd = defineCommand({
  ...common,
  name: 'add',
  description: 'Add a word, phrase or pattern to the message filter',
  mutates: true,
  options: {
    kind: option.string('A whole word or phrase, or a pattern (regular expression)', {
      required: true,
      choices: [
        { name: 'Word or phrase', value: 'word' },
        { name: 'Pattern', value: 'pattern' },
      ],
    }),
    value: option.string('The word, phrase or pattern', { required: true, maxLength: 100, rest: true }),
  },
  async run(ctx, { kind, value }) {
    const missing = await botLacks(ctx, ['ManageMessages']);
    if (missing.length)
      return refuse('The bot cannot filter here', `It needs ${missing.join(', ')} to remove messages.`);
    const key = kind === 'word' ? 'words' : 'patterns';
    const saved = await update(
      ctx,
      (s) => ({ ...s, [key]: [...new Set([...s[key], value.trim()])] }),
      `message-filter.${kind}.add`,
    );
    if (!saved.ok) return refuse('Not added', saved.problems.join('\n'));
    return done(
      'Filter updated',
      `Messages matching that ${kind} are now handled with **${saved.value.action}**.`,
    );
  },
});

export const filterRemove = defineCommand({
  ...common,
  name: 'remove',
  description: 'Remove a word, phrase or pattern from the message filter',
  mutates: true,
  options: { value: option.string('The word, phrase or pattern, as listed', { required: true, rest: true }) },
  async run(ctx, { value }) {
    const store = filterStore(ctx.db);
    const current = await store.read(ctx.guildId as string);
    const v = value.trim();
    if (!current.words.includes(v) && !current.patterns.includes(v))
      return refuse('Not in the filter', 'See `/filter list` for what is there.');
    await store.write(
      ctx.guildId as string,
      {
        ...current,
        words: current.words.filter((w) => w !== v),
        patterns: current.patterns.filter((p) => p !== v),
      },
      ctx.user.id,
      'message-filter.remove',
    );
    return done('Filter updated', 'Removed.');
  },
});

export const filterAction = defineCommand({
  ...common,
  name: 'action',
  description: 'What the filter does: delete, delete and warn, or delete and time out',
  mutates: true,
  options: {
    action: option.string('The action', {
      required: true,
      choices: FILTER_ACTIONS.map((a) => ({ name: a, value: a })),
    }),
    minutes: option.integer('Time-out length in minutes (timeout only)', { minValue: 1, maxValue: 40_320 }),
  },
  async run(ctx, { action, minutes }) {
    const a = action as FilterSettings['action'];
    const missing = await botLacks(ctx, neededFor(a));
    if (missing.length)
      return refuse('The bot cannot do that', `For **${a}** it needs: ${missing.join(', ')}.`);
    const saved = await update(
      ctx,
      (s) => ({ ...s, action: a, timeoutMinutes: minutes ?? s.timeoutMinutes }),
      'message-filter.action',
    );
    if (!saved.ok) return refuse('Not changed', saved.problems.join('\n'));
    return done(
      'Filter action set',
      `Matching messages are deleted${a === 'warn' ? ' and the author is told why' : a === 'timeout' ? ` and the author is timed out for ${saved.value.timeoutMinutes} min` : ''}.`,
    );
  },
});

export const filterExempt = defineCommand({
  ...common,
  name: 'exempt',
  description: 'Exempt a role or a channel from the filter (or stop exempting it)',
  mutates: true,
  options: {
    role: option.role('A role whose members the filter ignores'),
    channel: option.channel('A channel the filter ignores'),
    remove: option.boolean('Stop exempting it instead'),
  },
  async run(ctx, { role, channel, remove }) {
    if (!role && !channel) return refuse('Exempt what?', 'Give a role, a channel, or both.');
    const toggle = (list: string[], id: string | undefined) =>
      id === undefined ? list : remove ? list.filter((x) => x !== id) : [...new Set([...list, id])];
    const saved = await update(
      ctx,
      (s) => ({
        ...s,
        exemptRoles: toggle(s.exemptRoles, role?.id),
        exemptChannels: toggle(s.exemptChannels, channel?.id),
      }),
      'message-filter.exempt',
    );
    if (!saved.ok) return refuse('Not changed', saved.problems.join('\n'));
    const what = [role && `<@&${role.id}>`, channel && `<#${channel.id}>`].filter(Boolean).join(' and ');
    return done(
      'Exemptions updated',
      `${what} ${remove ? 'is filtered again' : 'is exempt from the filter'}.`,
    );
  },
});

export const filterList = defineCommand({
  ...common,
  name: 'list',
  description: 'The message filter’s words, patterns, action and exemptions',
  async run(ctx) {
    const s = await filterStore(ctx.db).read(ctx.guildId as string);
    const list = (items: string[], wrap: (x: string) => string) =>
      items.length ? items.map(wrap).join(', ').slice(0, 1000) : 'none';
    return reply.message({
      ephemeral: true,
      embeds: [
        {
          title: '🧹 Message filter',
          color: 0x5865f2,
          fields: [
            { name: `Words (${s.words.length})`, value: list(s.words, (w) => `||${w}||`) },
            { name: `Patterns (${s.patterns.length})`, value: list(s.patterns, (p) => `\`${p}\``) },
            {
              name: 'Action',
              value: s.action === 'timeout' ? `timeout (${s.timeoutMinutes} min)` : s.action,
              inline: true,
            },
            { name: 'Exempt roles', value: list(s.exemptRoles, (r) => `<@&${r}>`), inline: true },
            { name: 'Exempt channels', value: list(s.exemptChannels, (c) => `<#${c}>`), inline: true },
          ],
        },
      ],
    });
  },
});

export const filterTest = defineCommand({
  ...common,
  name: 'test',
  description: 'Check a text against the filter without posting it',
  options: { text: option.string('The text to check', { required: true, maxLength: 2000, rest: true }) },
  async run(ctx, { text }) {
    const s = await filterStore(ctx.db).read(ctx.guildId as string);
    const hit = firstMatch(text, s);
    return reply.message({
      ephemeral: true,
      embeds: [
        hit
          ? toneEmbed(
              'warning',
              'It would be filtered',
              `It matches the ${hit.kind} ||${hit.rule}||; action: **${s.action}**.`,
            )
          : toneEmbed('success', 'It would pass', 'No word or pattern matches.'),
      ],
    });
  },
});
