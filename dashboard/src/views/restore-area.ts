/**
 * The Backups tab's restore place: a running restore's progress (also one started in Discord or another
 * tab, found with `GET …/restores/active`) and its report, and the "Restore…" dialog. The restore views are
 * loaded on first use (their own chunks), so the dashboard's main bundle stays small.
 */

import { api, guildPath } from '../api';
import { h, mount } from '../dom';
import { announce } from '../status';
import type { Backup, RestoreJob } from '../types';
import { errorBox } from '../ui';

export interface RestoreAreaOptions {
  guildId: string;
  guildName: string;
  canRestore: boolean;
  /** The backups changed (the safety backup was taken, or a restore ended): refresh the list. */
  changed(): void;
  /** Where the focus goes when the report is dismissed. */
  home(): void;
  /** A backup's title, when the list has it. */
  backupName(backupId: string): string | null;
}

export interface RestoreArea {
  el: HTMLElement;
  /** Opens the restore dialog for a backup. */
  open(backup: Backup): void;
}

const ALREADY_RUNNING =
  'A restore of this server was already running, so no new one was started. This is its progress.';

export function restoreArea(options: RestoreAreaOptions): RestoreArea {
  const { guildId } = options;
  const el = h('div', { class: 'restore-area' });
  let shown = 0;

  const show = async (jobId: string, how: { initial?: RestoreJob; notice?: string; focus?: boolean }) => {
    const mine = ++shown;
    try {
      const { restoreProgress } = await import('./restore-progress');
      if (mine !== shown || !el.isConnected) return;
      const view = restoreProgress({
        guildId,
        jobId,
        initial: how.initial,
        notice: how.notice,
        canCancel: options.canRestore,
        changed: options.changed,
        backupName: options.backupName,
        dismissed: () => {
          mount(el);
          options.home();
        },
      });
      mount(el, view.el);
      if (how.focus) view.focus();
    } catch (error) {
      if (mine === shown) mount(el, errorBox(error));
    }
  };

  // A restore started elsewhere is shown too; without the answer the page still works.
  // (Read here rather than through restores.ts, which stays out of the main bundle.)
  api
    .get<RestoreJob | null>(guildPath(guildId, '/restores/active'))
    .then((job) => {
      if (job && !shown) void show(job.id, { initial: job });
    })
    .catch(() => {});

  return {
    el,
    async open(backup) {
      try {
        const { openRestorePanel } = await import('./restore-panel');
        openRestorePanel({
          guildId,
          guildName: options.guildName,
          backup,
          started: (jobId, running) =>
            void show(jobId, { focus: true, notice: running ? ALREADY_RUNNING : undefined }),
        });
      } catch {
        announce('The restore dialog could not be loaded. Reload the page and try again.', 'error');
      }
    },
  };
}
