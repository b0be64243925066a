/**
 * Client-side routing with the History API. Paths:
 *   /                         the server list
 *   /owner                    the bot owner's overview
 *   /guilds/:id[/:tab]        a server (tabs: settings, extensions, backups, analytics, audit, access)
 * Same-origin links (outside /api/) are followed without a page load.
 */

export const TABS = ['settings', 'extensions', 'backups', 'analytics', 'audit', 'access'] as const;
export type Tab = (typeof TABS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'owner' }
  | { name: 'guild'; guildId: string; tab: Tab }
  | { name: 'notFound' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts.length === 1 && parts[0] === 'owner') return { name: 'owner' };
  if (parts[0] === 'guilds' && parts[1] && /^\d{1,20}$/.test(parts[1]) && parts.length <= 3) {
    const tab = (parts[2] ?? 'settings') as Tab;
    if (TABS.includes(tab)) return { name: 'guild', guildId: parts[1], tab };
  }
  return { name: 'notFound' };
}

export function guildUrl(guildId: string, tab: Tab = 'settings'): string {
  return `/guilds/${encodeURIComponent(guildId)}${tab === 'settings' ? '' : `/${tab}`}`;
}

type Listener = (route: Route, url: URL, navigated: boolean) => void;
let listener: Listener = () => {};

export function currentUrl(): URL {
  return new URL(location.href);
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const target = new URL(path, location.origin);
  if (target.href === location.href && !options.replace) return;
  if (options.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  listener(parseRoute(target.pathname), target, true);
}

/** Calls `onRoute` now and on every navigation (links, back/forward, `navigate`). */
export function startRouter(onRoute: Listener): void {
  listener = onRoute;
  window.addEventListener('popstate', () => listener(parseRoute(location.pathname), currentUrl(), true));
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  listener(parseRoute(location.pathname), currentUrl(), false);
}
