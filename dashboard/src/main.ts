/**
 * The dashboard's entry: asks `GET /api/me` who is logged in, then shows the landing page (logged out) or
 * the header and the page for the current address. A 401 from any call returns to the landing page.
 */

import './styles/base.css';
import './styles/controls.css';
import './styles/views.css';
import './styles/charts.css';
import './styles/restore.css';
import { ApiError, api, onUnauthorized } from './api';
import { h, mount } from './dom';
import { currentUrl, type Route, startRouter } from './router';
import { currentUser, setSession } from './session';
import type { Me } from './types';
import { errorBox, loading } from './ui';
import { guildListView } from './views/guild-list';
import { type GuildPage, guildPage } from './views/guild-page';
import { headerView } from './views/header';
import { landingView } from './views/landing';
import { notFoundView } from './views/not-found';
import { ownerView } from './views/owner';

const app = document.getElementById('app') as HTMLElement;
let page: GuildPage | null = null;

function showLanding(notice?: string): void {
  page = null;
  document.title = 'Log in · Edgeward';
  mount(app, landingView(currentUrl(), notice));
}

function render(route: Route, navigated: boolean): void {
  const me = currentUser();
  if (!me) {
    showLanding();
    return;
  }
  if (route.name === 'guild' && page && page.guildId === route.guildId && app.contains(page.el)) {
    page.update(route.tab);
    return;
  }
  page = null;
  let content: HTMLElement;
  let section: 'servers' | 'owner' | null = null;
  if (route.name === 'home') {
    content = guildListView();
    section = 'servers';
    document.title = 'Servers · Edgeward';
  } else if (route.name === 'owner') {
    content = me.isBotOwner
      ? ownerView()
      : notFoundView('Bot owners only', 'This page is for the bot owners.');
    section = 'owner';
    document.title = 'Owner · Edgeward';
  } else if (route.name === 'guild') {
    page = guildPage(route.guildId, route.tab, me);
    content = page.el;
    document.title = 'Server · Edgeward';
  } else {
    content = notFoundView();
    document.title = 'Not found · Edgeward';
  }
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' }, content);
  mount(app, headerView(me, section, loggedOut), main);
  // After a navigation, move focus to the new page's heading (or the main area) for screen readers.
  if (navigated) (main.querySelector<HTMLElement>('h1[tabindex]') ?? main).focus();
}

function loggedOut(): void {
  setSession(null);
  history.replaceState(null, '', '/');
  showLanding('You are logged out.');
}

onUnauthorized(() => {
  if (!currentUser()) return;
  setSession(null);
  showLanding('Your session has ended. Please log in again.');
});

async function boot(): Promise<void> {
  mount(app, h('main', { id: 'main', class: 'content' }, loading('Loading the dashboard…')));
  try {
    setSession(await api.get<Me>('/api/me'));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) {
      mount(
        app,
        h(
          'main',
          { id: 'main', class: 'content' },
          errorBox(error, () => void boot()),
        ),
      );
      return;
    }
    setSession(null);
  }
  startRouter((route, _url, navigated) => render(route, navigated));
}

void boot();
