/** The servers the user can manage (`GET /api/guilds`), each a link to its page. */

import { api } from '../api';
import { h, mount } from '../dom';
import { guildUrl } from '../router';
import type { Access, GuildSummary } from '../types';
import { avatar, badge, empty, errorBox, guildIconUrl, loading } from '../ui';

export const ACCESS_LABELS: Record<Access, string> = {
  admin: 'Admin',
  owner: 'Bot owner',
  viewer: 'Viewer',
  settings: 'Settings',
  backups: 'Backups',
  restore: 'Restore',
};

export function guildListView(): HTMLElement {
  const body = h('div', { 'data-testid': 'guilds-body' });
  const section = h(
    'section',
    { 'aria-labelledby': 'servers-title' },
    h('h1', { id: 'servers-title', tabindex: '-1' }, 'Your servers'),
    body,
  );
  const load = async () => {
    mount(body, loading('Loading your servers…'));
    try {
      const guilds = await api.get<GuildSummary[]>('/api/guilds');
      if (guilds.length === 0) {
        mount(
          body,
          empty('No servers here: you need Manage Server in a server that has the bot', 'guilds-empty'),
        );
        return;
      }
      mount(body, h('ul', { class: 'guild-grid', 'data-testid': 'guilds-list' }, guilds.map(guildItem)));
    } catch (error) {
      mount(body, errorBox(error, load));
    }
  };
  void load();
  return section;
}

function guildItem(guild: GuildSummary): HTMLElement {
  const readOnly = !guild.can.includes('settings') && !guild.can.includes('backups');
  return h(
    'li',
    null,
    h(
      'a',
      {
        class: 'guild-card',
        href: guildUrl(guild.id),
        'data-testid': `guild-${guild.id}`,
        'data-guild-id': guild.id,
      },
      avatar(guild.name, guildIconUrl(guild.id, guild.icon), 48),
      h(
        'span',
        { class: 'guild-card-text' },
        h('span', { class: 'guild-name' }, guild.name),
        h(
          'span',
          { class: 'badges' },
          badge(ACCESS_LABELS[guild.access] ?? guild.access, 'accent'),
          readOnly && badge('Read only'),
        ),
      ),
    ),
  );
}
