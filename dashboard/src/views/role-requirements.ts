/**
 * Role requirements (`/config`): which roles a command needs in this server (any one of them). A list
 * with Remove, and a form to add a command + role pair.
 */

import { api, describeError, guildPath } from '../api';
import { h, mount } from '../dom';
import { roleColor } from '../format';
import { announce } from '../status';
import type { Role, Settings } from '../types';
import { busy, empty, field, formMessage, showErrors } from '../ui';
import type { TabContext } from './guild-page';

export function roleRequirementsSection(
  context: TabContext,
  editable: boolean,
  saved: (s: Settings) => void,
) {
  const guildId = context.guild.id;
  const roles = context.guild.roles
    .filter((role) => role.id !== guildId)
    .sort((a, b) => b.position - a.position || a.name.localeCompare(b.name));
  const roleById = new Map(context.guild.roles.map((role) => [role.id, role]));
  let settings: Settings | null = null;
  const roleName = (roleId: string) => roleById.get(roleId)?.name ?? `deleted role ${roleId}`;

  const list = h('div', { 'data-testid': 'requirements' });
  const message = formMessage('requirement-message');
  const commandSelect = h('select', {
    name: 'command',
    'data-testid': 'requirement-command',
    disabled: !editable,
  });
  const roleSelect = h(
    'select',
    { name: 'roleId', 'data-testid': 'requirement-role', disabled: !editable },
    h('option', { value: '' }, 'Choose a role'),
    roles.map((role) => h('option', { value: role.id }, role.name)),
  );
  const commandField = field('Command', commandSelect, null, 'requirement-command');
  const roleField = field('Role', roleSelect, null, 'requirement-role');
  const addButton = h(
    'button',
    { type: 'submit', class: 'button primary', 'data-testid': 'requirement-add', disabled: !editable },
    'Add requirement',
  );
  const form = h(
    'form',
    { class: 'inline-form', 'data-testid': 'requirement-form', novalidate: true },
    commandField.wrap,
    roleField.wrap,
    h('div', { class: 'actions' }, addButton),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const command = commandSelect.value;
    const roleId = roleSelect.value;
    commandField.setError(command ? null : 'Choose a command.');
    roleField.setError(roleId ? null : 'Choose a role.');
    if (!command || !roleId) return;
    if (settings?.roleRequirements.some((r) => r.command === command && r.roleId === roleId)) {
      roleField.setError(`This role is already required for ${command}.`);
      return;
    }
    message.show(null);
    try {
      const next = await busy(addButton, () =>
        api.put<Settings>(guildPath(guildId, '/role-requirements'), { command, roleId }),
      );
      saved(next);
      roleSelect.value = '';
      announce(`${command} now needs ${roleName(roleId)}`);
    } catch (error) {
      showErrors(error, { command: commandField, roleId: roleField }, message);
    }
  });
  commandSelect.addEventListener('change', () => commandField.setError(null));
  roleSelect.addEventListener('change', () => roleField.setError(null));

  const remove = async (button: HTMLButtonElement, command: string, roleId: string) => {
    message.show(null);
    try {
      const query = `?command=${encodeURIComponent(command)}&roleId=${encodeURIComponent(roleId)}`;
      const answer = await busy(button, () =>
        api.delete<Settings | undefined>(guildPath(guildId, `/role-requirements${query}`)),
      );
      if (answer && Array.isArray(answer.roleRequirements)) saved(answer);
      else if (settings)
        saved({
          ...settings,
          roleRequirements: settings.roleRequirements.filter(
            (r) => r.command !== command || r.roleId !== roleId,
          ),
        });
      announce(`${command} no longer needs ${roleName(roleId)}`);
    } catch (error) {
      message.show(describeError(error));
    }
  };

  const row = (command: string, roleId: string) => {
    const role: Role | undefined = roleById.get(roleId);
    const button = h(
      'button',
      {
        type: 'button',
        class: 'button small',
        'data-testid': `requirement-remove-${command}-${roleId}`,
        'aria-label': `Remove ${roleName(roleId)} from ${command}`,
        disabled: !editable,
      },
      'Remove',
    );
    button.addEventListener('click', () => void remove(button, command, roleId));
    return h(
      'li',
      { class: 'row', 'data-testid': `requirement-row-${command}-${roleId}` },
      h('code', null, command),
      h(
        'span',
        { class: 'role' },
        h('span', {
          class: 'dot',
          style: `background:${roleColor(role?.color ?? 0)}`,
          'aria-hidden': 'true',
        }),
        roleName(roleId),
      ),
      button,
    );
  };

  const el = h(
    'section',
    { class: 'card', 'aria-labelledby': 'requirements-title' },
    h('h2', { id: 'requirements-title' }, 'Role requirements'),
    h(
      'p',
      { class: 'hint' },
      'A member needs any one of the roles listed for a command. Administrators and bot owners are never blocked.',
    ),
    list,
    editable && form,
    message.el,
  );

  return {
    el,
    update(next: Settings) {
      settings = next;
      const chosen = commandSelect.value;
      mount(
        commandSelect,
        h('option', { value: '' }, 'Choose a command'),
        next.commands.map((name) => h('option', { value: name }, name)),
      );
      commandSelect.value = next.commands.includes(chosen) ? chosen : '';
      const items = [...next.roleRequirements].sort(
        (a, b) => a.command.localeCompare(b.command) || roleName(a.roleId).localeCompare(roleName(b.roleId)),
      );
      mount(
        list,
        items.length
          ? h(
              'ul',
              { class: 'rows' },
              items.map((r) => row(r.command, r.roleId)),
            )
          : empty(
              'No role requirements: every member can use every command they have permission for.',
              'requirements-empty',
            ),
      );
    },
  };
}
