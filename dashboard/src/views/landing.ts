/** The logged-out page: what this is, "Log in with Discord", and why the last login failed, if it did. */

import { h } from '../dom';

/** The worker's `login_error` reasons (worker/dashboard/auth-routes.ts), in words. */
const LOGIN_ERRORS: Record<string, string> = {
  denied: 'You cancelled the login on Discord. Nothing was changed.',
  access_denied: 'You cancelled the login on Discord. Nothing was changed.',
  state: 'The login expired or was started in another tab. Please try again.',
  discord: 'Discord reported a problem with the login. Please try again.',
  code: 'Discord did not send a login code. Please try again.',
  exchange: 'Discord did not confirm the login. Please try again.',
};

export function loginErrorMessage(reason: string): string {
  return LOGIN_ERRORS[reason] ?? `The login did not work (${reason}). Please try again.`;
}

export function landingView(url: URL, notice?: string): HTMLElement {
  const reason = url.searchParams.get('login_error');
  const next = url.pathname.startsWith('/') && !url.pathname.startsWith('//') ? url.pathname : '/';
  const login = h(
    'button',
    {
      type: 'button',
      class: 'button primary large',
      'data-testid': 'login-button',
      onclick: () => {
        location.href = `/api/auth/login?next=${encodeURIComponent(next)}`;
      },
    },
    'Log in with Discord',
  );
  return h(
    'main',
    { id: 'main', class: 'landing', tabindex: '-1' },
    h(
      'section',
      { class: 'card landing-card' },
      h('div', { class: 'logo', 'aria-hidden': 'true' }, 'E'),
      h('h1', { tabindex: '-1' }, 'Edgeward dashboard'),
      h(
        'p',
        { class: 'lead' },
        'Manage the prefix, role requirements and backups of your servers. ',
        'Log in with the Discord account that manages the server.',
      ),
      notice && h('p', { class: 'alert info', role: 'status', 'data-testid': 'landing-notice' }, notice),
      reason &&
        h(
          'p',
          { class: 'alert error', role: 'alert', 'data-testid': 'login-error' },
          loginErrorMessage(reason),
        ),
      login,
      h('p', { class: 'hint' }, 'You need Manage Server in a server that has the bot.'),
    ),
  );
}
