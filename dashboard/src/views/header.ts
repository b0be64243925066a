/** The top bar when logged in: brand, navigation, the user and Log out. */

import { api, describeError } from '../api';
import { h } from '../dom';
import { displayName } from '../session';
import { announce } from '../status';
import type { Me } from '../types';
import { avatar, userAvatarUrl } from '../ui';

export function headerView(
  me: Me,
  section: 'servers' | 'owner' | null,
  onLoggedOut: () => void,
): HTMLElement {
  const name = displayName(me.user);
  const logout = h(
    'button',
    { type: 'button', class: 'button subtle', 'data-testid': 'logout-button' },
    'Log out',
  );
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    try {
      await api.post('/api/auth/logout');
      onLoggedOut();
    } catch (error) {
      logout.disabled = false;
      announce(`Could not log out: ${describeError(error)}`, 'error');
    }
  });
  const link = (href: string, text: string, current: boolean, testId: string) =>
    h('a', { href, class: 'nav-link', 'aria-current': current ? 'page' : null, 'data-testid': testId }, text);
  return h(
    'header',
    { class: 'topbar' },
    h(
      'a',
      { href: '/', class: 'brand', 'data-testid': 'brand' },
      h('span', { class: 'logo small' }, 'E'),
      'Edgeward',
    ),
    h(
      'nav',
      { 'aria-label': 'Main' },
      link('/', 'Servers', section === 'servers', 'nav-servers'),
      me.isBotOwner && link('/owner', 'Owner', section === 'owner', 'nav-owner'),
    ),
    h(
      'div',
      { class: 'user', 'data-testid': 'user' },
      avatar(name, userAvatarUrl(me.user.id, me.user.avatar), 28, 'user-avatar'),
      h('span', { class: 'user-name', 'data-testid': 'user-name' }, name),
      logout,
    ),
  );
}
