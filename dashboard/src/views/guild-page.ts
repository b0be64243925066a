/**
 * A server page: its name and access, the section links (Settings, Extensions, Backups, Analytics, Audit, and Access
 * for bot owners) and the current section. Switching sections keeps the page and only replaces the panel.
 */

import { h, mount } from '../dom';
import { guildUrl, TABS, type Tab } from '../router';
import { guildDetail } from '../session';
import type { GuildDetail, Me } from '../types';
import { avatar, badge, errorBox, guildIconUrl, loading } from '../ui';
import { accessTab } from './access-tab';
import { analyticsTab } from './analytics-tab';
import { auditTab } from './audit-tab';
import { backupsTab } from './backups-tab';
import { extensionsTab } from './extensions-tab';
import { ACCESS_LABELS } from './guild-list';
import { settingsTab } from './settings-tab';

const TAB_LABELS: Record<Tab, string> = {
  settings: 'Settings',
  extensions: 'Extensions',
  backups: 'Backups',
  analytics: 'Analytics',
  audit: 'Audit',
  access: 'Access',
};

export interface TabContext {
  guild: GuildDetail;
  me: Me;
}

const TAB_VIEWS: Record<Tab, (context: TabContext) => HTMLElement> = {
  settings: settingsTab,
  extensions: extensionsTab,
  backups: backupsTab,
  analytics: analyticsTab,
  audit: auditTab,
  access: accessTab,
};

export interface GuildPage {
  el: HTMLElement;
  guildId: string;
  update(tab: Tab): void;
}

export function guildPage(guildId: string, initialTab: Tab, me: Me): GuildPage {
  let tab = initialTab;
  let guild: GuildDetail | null = null;
  const el = h('section', { class: 'guild-page', 'data-testid': 'server-page', 'data-guild-id': guildId });
  const panel = h('div', { class: 'panel', id: 'tab-panel' });
  const links = new Map<Tab, HTMLAnchorElement>();

  const renderPanel = () => {
    if (!guild) return;
    for (const [name, link] of links) {
      if (name === tab) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    panel.dataset.testid = `tab-panel-${tab}`;
    document.title = `${TAB_LABELS[tab]} · ${guild.name} · Edgeward`;
    const context = { guild, me };
    if (tab === 'access' && !me.isBotOwner) {
      mount(panel, errorBox(new Error('Only bot owners manage access grants.')));
      return;
    }
    mount(panel, TAB_VIEWS[tab](context));
  };

  const render = (detail: GuildDetail) => {
    guild = detail;
    const tabs = TABS.filter((name) => name !== 'access' || me.isBotOwner);
    const nav = h(
      'nav',
      { class: 'tabs', 'aria-label': 'Server sections' },
      tabs.map((name) => {
        const link = h(
          'a',
          { href: guildUrl(guildId, name), class: 'nav-link', 'data-testid': `tab-${name}` },
          TAB_LABELS[name],
        );
        links.set(name, link);
        return link;
      }),
    );
    const readOnly = !detail.can.includes('settings') && !detail.can.includes('backups');
    mount(
      el,
      h(
        'div',
        { class: 'guild-head' },
        avatar(detail.name, guildIconUrl(detail.id, detail.icon), 56),
        h(
          'div',
          null,
          h('h1', { tabindex: '-1', 'data-testid': 'server-name' }, detail.name),
          h(
            'p',
            { class: 'badges' },
            badge(ACCESS_LABELS[detail.access] ?? detail.access, 'accent'),
            readOnly && badge('Read only'),
            h('span', { class: 'muted' }, `${detail.memberCount.toLocaleString()} members`),
          ),
        ),
      ),
      nav,
      panel,
    );
    renderPanel();
    // Arrived here by a link: focus was put on <main> while loading; move it to the heading.
    if (document.activeElement?.id === 'main') el.querySelector<HTMLElement>('h1')?.focus();
  };

  const load = async () => {
    mount(el, loading('Loading the server…'));
    try {
      render(await guildDetail(guildId));
    } catch (error) {
      mount(
        el,
        h('h1', { tabindex: '-1' }, 'Server'),
        errorBox(error, load),
        h('p', null, h('a', { href: '/' }, 'Back to your servers')),
      );
    }
  };
  void load();

  return {
    el,
    guildId,
    update(next) {
      tab = next;
      renderPanel();
    },
  };
}
