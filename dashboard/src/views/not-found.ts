/** Any other path (or a page this user may not see). */

import { h } from '../dom';

export function notFoundView(
  title = 'Page not found',
  message = 'There is nothing at this address.',
): HTMLElement {
  return h(
    'section',
    { class: 'card', 'data-testid': 'not-found' },
    h('h1', { tabindex: '-1' }, title),
    h('p', null, message),
    h('a', { href: '/', class: 'button' }, 'Back to your servers'),
  );
}
