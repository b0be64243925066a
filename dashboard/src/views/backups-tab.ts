/**
 * Backups: a restore that runs and the restore dialog (restore-area.ts), how many are stored against the
 * limit, "Create backup now" (queued: the job is followed until it is done, then the list is refreshed),
 * automatic backups (schedule-form.ts) and the list. Read only when `can` lacks `backups`.
 */

import { ApiError, api, describeError, guildPath } from '../api';
import { h, mount } from '../dom';
import { waitForJob } from '../jobs';
import { announce } from '../status';
import type { Backup, BackupJob, BackupList } from '../types';
import { busy, empty, errorBox, field, loading } from '../ui';
import { maxLengthError } from '../validate';
import { backupCard, backupTitle } from './backup-card';
import type { TabContext } from './guild-page';
import { restoreArea } from './restore-area';
import { scheduleCard } from './schedule-form';

const JOB_WORDS: Record<BackupJob['status'], string> = {
  queued: 'Backup queued…',
  running: 'Backing up the server…',
  done: 'Backup created.',
  failed: 'The backup failed.',
};

export function backupsTab(context: TabContext): HTMLElement {
  const guildId = context.guild.id;
  const editable = context.guild.can.includes('backups');
  const rights = {
    editable,
    canExport: context.guild.canExport,
    canRestore: context.guild.can.includes('restore'),
  };
  const el = h('div', { class: 'stack', 'data-testid': 'backups-tab' });
  const restores = restoreArea({
    guildId,
    guildName: context.guild.name,
    canRestore: rights.canRestore,
    changed: () => void refresh(false),
    home: () => heading.focus(),
    backupName: (backupId) => {
      const backup = data?.backups.find((b) => b.id === backupId);
      return backup ? backupTitle(backup) : null;
    },
  });
  const usage = h('div', { class: 'usage', 'data-testid': 'backup-usage' });
  const list = h('div', { 'aria-busy': 'false' });
  const heading = h('h2', { id: 'backups-title', tabindex: '-1' }, 'Backups');
  let data: BackupList | null = null;

  const renderList = () => {
    if (!data) return;
    const { used, maxPerGuild } = data;
    // A refresh (e.g. after a restore) keeps the focus on the same control when it is still there.
    const focused = document.activeElement as HTMLElement | null;
    const focusId = focused && list.contains(focused) ? focused.dataset.testid : undefined;
    mount(
      usage,
      h('label', { for: 'backup-meter' }, `${used} of ${maxPerGuild} backups stored`),
      h('meter', { id: 'backup-meter', min: 0, max: maxPerGuild, value: used, high: maxPerGuild * 0.9 }),
    );
    mount(
      list,
      data.backups.length
        ? h(
            'ul',
            { class: 'backup-list', 'data-testid': 'backup-list' },
            data.backups.map((backup) => backupCard(guildId, backup, rights, events)),
          )
        : empty('No backups yet.', 'backups-empty'),
    );
    if (focusId) list.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focusId)}"]`)?.focus();
  };

  const events = {
    /** Replaces only that backup's card, and keeps the focus on the same button in the new card. */
    changed(next: Backup) {
      if (!data) return;
      data.backups = data.backups.map((b) => (b.id === next.id ? next : b));
      const old = list.querySelector(`[data-backup-id="${CSS.escape(next.id)}"]`);
      if (!old) return renderList();
      const active = document.activeElement as HTMLElement | null;
      const hadFocus = !!active && old.contains(active);
      const card = backupCard(guildId, next, rights, events);
      // Keep the last verification's result (pinning or a note does not change the stored bytes).
      const result = `[data-testid="backup-verify-result-${CSS.escape(next.id)}"]`;
      const oldResult = old.querySelector(result);
      if (oldResult?.hasChildNodes()) card.querySelector(result)?.replaceWith(oldResult);
      old.replaceWith(card);
      if (!hadFocus) return;
      const same = card.querySelector<HTMLElement>(
        `[data-testid="${CSS.escape(active?.dataset.testid ?? '')}"]`,
      );
      // The note editor closes after a save: focus its button instead.
      (same && !same.closest('[hidden]')
        ? same
        : card.querySelector<HTMLElement>('[aria-expanded]')
      )?.focus();
    },
    deleted(backupId: string) {
      if (!data) return;
      data.backups = data.backups.filter((b) => b.id !== backupId);
      data.used = Math.max(0, data.used - 1);
      renderList();
      heading.focus();
    },
    restore(backup: Backup) {
      restores.open(backup);
    },
  };

  const refresh = async (showLoading: boolean) => {
    if (showLoading) mount(list, loading('Loading the backups…'));
    list.setAttribute('aria-busy', 'true');
    try {
      data = await api.get<BackupList>(guildPath(guildId, '/backups'));
      renderList();
    } catch (error) {
      mount(
        list,
        errorBox(error, () => void refresh(true)),
      );
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  };

  mount(
    el,
    restores.el,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'backups-title' },
      heading,
      usage,
      editable
        ? createForm(
            guildId,
            () => refresh(false),
            () => el.isConnected,
          )
        : h(
            'p',
            { class: 'alert info', 'data-testid': 'backups-read-only' },
            'Read only: you can see the backups but not change them.',
          ),
    ),
    scheduleCard(context),
    list,
  );
  void refresh(true);
  return el;
}

function createForm(guildId: string, refresh: () => Promise<void>, alive: () => boolean): HTMLElement {
  const label = h('input', {
    type: 'text',
    name: 'label',
    maxlength: 100,
    placeholder: 'Optional',
    'data-testid': 'backup-label-input',
  });
  const labelField = field('Label', label, null, 'backup-label');
  const button = h(
    'button',
    { type: 'submit', class: 'button primary', 'data-testid': 'create-backup' },
    'Create backup now',
  );
  const status = h('p', {
    class: 'job-status',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'backup-job-status',
  });
  const setStatus = (text: string, tone: 'info' | 'ok' | 'bad' = 'info') => {
    status.textContent = text;
    status.dataset.tone = tone;
  };
  const form = h(
    'form',
    { class: 'inline-form', novalidate: true, 'data-testid': 'create-backup-form' },
    labelField.wrap,
    h('div', { class: 'actions' }, button),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const problem = maxLengthError(label.value.trim(), 100, 'label');
    labelField.setError(problem);
    if (problem) return;
    const body = label.value.trim() ? { label: label.value.trim() } : {};
    await busy(button, async () => {
      try {
        setStatus('Starting the backup…');
        const { jobId } = await api.post<{ jobId: string }>(guildPath(guildId, '/backups'), body);
        const job = await waitForJob(
          guildId,
          jobId,
          (j) =>
            setStatus(
              j.status === 'running' && j.phase
                ? `Backing up the server (${j.phase})…`
                : (JOB_WORDS[j.status] ?? j.status),
            ),
          alive,
        );
        if (!job) return;
        if (job.status === 'failed') {
          setStatus(`The backup failed: ${job.error ?? 'unknown error'}`, 'bad');
          return;
        }
        setStatus(job.backupId ? `Backup created (${job.backupId}).` : 'Backup created.', 'ok');
        announce('Backup created');
        label.value = '';
        await refresh();
      } catch (error) {
        const fromServer = error instanceof ApiError ? error.fields.label : undefined;
        labelField.setError(fromServer ?? null);
        setStatus(fromServer ? '' : describeError(error), fromServer ? 'info' : 'bad');
      }
    });
  });
  return form;
}
