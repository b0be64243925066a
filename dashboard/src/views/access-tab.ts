/**
 * Access (bot owners only): dashboard roles granted to users for this server, with Remove, and a form to
 * grant `viewer`, `settings`, `backups` or `restore` to a user id.
 */

import { api, guildPath } from '../api';
import { confirmAction } from '../confirm';
import { h, mount } from '../dom';
import { formatAgo, formatTime } from '../format';
import { announce } from '../status';
import type { Grant, GrantRole } from '../types';
import { badge, busy, empty, errorBox, field, formMessage, loading, showErrors } from '../ui';
import { userIdError } from '../validate';
import type { TabContext } from './guild-page';

const ROLES: { value: GrantRole; label: string }[] = [
  { value: 'viewer', label: 'Viewer: read only' },
  { value: 'settings', label: 'Settings: viewer + settings' },
  { value: 'backups', label: 'Backups: viewer + backups' },
  { value: 'restore', label: 'Restore: backups + restore' },
];

export function accessTab(context: TabContext): HTMLElement {
  const guildId = context.guild.id;
  const list = h('div', { 'data-testid': 'grants' });
  const message = formMessage('grant-message');

  const render = (grants: Grant[]) => {
    mount(
      list,
      grants.length
        ? h(
            'ul',
            { class: 'rows', 'data-testid': 'grant-list' },
            grants.map((grant) => row(grant)),
          )
        : empty(
            'No grants: only members with Manage Server (and bot owners) can open this server.',
            'grants-empty',
          ),
    );
  };

  const row = (grant: Grant) => {
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'button small danger',
        'data-testid': `grant-remove-${grant.userId}`,
        'aria-label': `Remove the grant of ${grant.userId}`,
      },
      'Remove',
    );
    remove.addEventListener('click', async () => {
      const removed = await confirmAction({
        title: 'Remove this grant?',
        message: `User ${grant.userId} loses the ${grant.role} role on this server's dashboard.`,
        confirmLabel: 'Remove grant',
        danger: true,
        action: () => api.delete(guildPath(guildId, `/grants/${encodeURIComponent(grant.userId)}`)),
      });
      if (removed) {
        announce(`Grant removed: ${grant.userId}`);
        void load(false);
      }
    });
    return h(
      'li',
      { class: 'row', 'data-testid': `grant-row-${grant.userId}` },
      h('code', null, grant.userId),
      badge(grant.role, 'accent'),
      h(
        'span',
        { class: 'muted' },
        'by ',
        h('code', null, grant.grantedBy),
        ' ',
        h(
          'time',
          { datetime: new Date(grant.at).toISOString(), title: formatTime(grant.at) },
          formatAgo(grant.at),
        ),
      ),
      remove,
    );
  };

  const load = async (showLoading = true) => {
    if (showLoading) mount(list, loading('Loading the grants…'));
    try {
      render(await api.get<Grant[]>(guildPath(guildId, '/grants')));
    } catch (error) {
      mount(
        list,
        errorBox(error, () => void load()),
      );
    }
  };

  const userInput = h('input', {
    type: 'text',
    name: 'userId',
    inputmode: 'numeric',
    autocomplete: 'off',
    'data-testid': 'grant-user-input',
  });
  const roleSelect = h(
    'select',
    { name: 'role', 'data-testid': 'grant-role-select' },
    ROLES.map((role) => h('option', { value: role.value }, role.label)),
  );
  const userField = field('User id', userInput, 'The Discord user id (17 to 20 digits).', 'grant-user');
  const roleField = field('Role', roleSelect, null, 'grant-role');
  const add = h('button', { type: 'submit', class: 'button primary', 'data-testid': 'grant-add' }, 'Grant');
  const form = h(
    'form',
    { class: 'inline-form', novalidate: true, 'data-testid': 'grant-form' },
    userField.wrap,
    roleField.wrap,
    h('div', { class: 'actions' }, add),
  );
  userInput.addEventListener('input', () => userField.setError(null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const userId = userInput.value.trim();
    const problem = userIdError(userId);
    userField.setError(problem);
    if (problem) return userInput.focus();
    message.show(null);
    try {
      const grants = await busy(add, () =>
        api.put<Grant[]>(guildPath(guildId, '/grants'), { userId, role: roleSelect.value }),
      );
      render(grants);
      userInput.value = '';
      announce(`Granted ${roleSelect.value} to ${userId}`);
    } catch (error) {
      showErrors(error, { userId: userField, role: roleField }, message);
    }
  });

  void load();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'access-title', 'data-testid': 'access-tab' },
    h('h2', { id: 'access-title' }, 'Dashboard access'),
    h('p', { class: 'hint' }, 'Give someone without Manage Server access to this server on the dashboard.'),
    list,
    h('h3', null, 'Add a grant'),
    form,
    message.el,
  );
}
