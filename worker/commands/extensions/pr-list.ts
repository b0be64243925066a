import type { APIEmbed } from 'discord-api-types/v10';
import { getEnforcement } from '../../extensions/registry-settings';
import { resolveExtensions } from '../../extensions/resolve';
import type { Resolution } from '../../extensions/resolve-types';
import { defineCommand, defineComponent } from '../../framework/command';
import type { Invoker, Services } from '../../framework/context';
import { colours } from '../../framework/embeds';
import { pagerRow } from '../../framework/pager';
import { type ReplyMessage, reply } from '../../framework/reply';
import { guildStateOf, STATE_LABEL } from './extension-state';
import { guildStates } from './guild-states';
import { statusIcon } from './registry-card';

export const PR_LIST_PAGE_SIZE = 5;

export const prListPage = defineComponent({
  pattern: 'pr.list/:page',
  ttlSeconds: 120,
  async run(ctx, { page }) {
    return reply.update(await prListView(ctx, ctx, Number(page) || 1));
  },
});

export async function prListView(
  services: Pick<Services, 'db' | 'registry'>,
  invoker: Invoker,
  requestedPage: number,
): Promise<ReplyMessage> {
  const extensions = services.registry.extensions;
  const [enforcement, states] = await Promise.all([
    getEnforcement(services.db),
    guildStates(services, invoker.guildId),
  ]);
  const resolution: Resolution = resolveExtensions(extensions, enforcement);
  const pages = Math.max(1, Math.ceil(extensions.length / PR_LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const shown = extensions.slice((page - 1) * PR_LIST_PAGE_SIZE, page * PR_LIST_PAGE_SIZE);
  const embed: APIEmbed = {
    title: '🔌 Registered extensions',
    color: resolution.ok ? colours.info : colours.error,
    description: `Total: ${extensions.length} · page ${page}/${pages}${resolution.issues.length ? ` · ${resolution.errors.length} error(s), ${resolution.warnings.length} warning(s): see /pr_validate` : ''}`,
    fields: shown.map((extension) => {
      const report = resolution.report(extension.manifest.name);
      const state = guildStateOf(extension, states);
      return {
        name: `${report ? statusIcon(report) : '❔'} ${extension.manifest.name}`,
        value: [
          `v${extension.manifest.version} · by ${extension.manifest.author}`,
          `${extension.commands.length} commands · ${extension.components.length} components · ${extension.hooks.length} hooks`,
          state
            ? STATE_LABEL[state]
            : extension.manifest.enabledByDefault
              ? 'on by default'
              : 'off by default',
        ].join('\n'),
        inline: true,
      };
    }),
    footer: {
      text: `✅ ok · ❌ dependencies unmet · ⚠️ conflict or warning · 🔄 cycle · enforcement: dependencies ${enforcement.dependencies ? 'on' : 'off'}, conflicts ${enforcement.conflicts ? 'on' : 'off'}`,
    },
  };
  const message: ReplyMessage = { embeds: [embed] };
  if (pages > 1) {
    message.components = [pagerRow(page, pages, (n) => prListPage.id(invoker, { page: String(n) }))];
  }
  return message;
}

export const prList = defineCommand({
  name: 'pr_list',
  description: 'The extension registry: every extension with its status',
  category: 'Core',
  help: 'Five a page; only you can turn the pages of your list (for 2 minutes).',
  cooldown: { rate: 1, per: 10, scope: 'user' },
  async run(ctx) {
    return reply.message(await prListView(ctx, ctx, 1));
  },
});
