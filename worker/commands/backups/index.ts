import { backupcreate } from './backupcreate';
import { backupDeleteCancel, backupDeleteConfirm, backupdelete } from './backupdelete';
import { backupdiff, diffPage } from './backupdiff';
import { backupexport } from './backupexport';
import { backupimport } from './backupimport';
import { backupListPage, backuplist } from './backuplist';
import { backupnote } from './backupnote';
import { backuppin } from './backuppin';
import { backuprestore, restoreComponents } from './backuprestore';
import { backupschedule } from './backupschedule';
import { backupstats } from './backupstats';
import { backupverify } from './backupverify';
import { backupview } from './backupview';
import { backup, dashboardComponents } from './dashboard/dashboard';

export const backupCommands = [
  backup,
  backupcreate,
  backuplist,
  backupview,
  backupdelete,
  backuppin,
  backupnote,
  backupverify,
  backupschedule,
  backupexport,
  backupimport,
  backupstats,
  backupdiff,
  backuprestore,
];
export const backupComponents = [
  backupListPage,
  backupDeleteConfirm,
  backupDeleteCancel,
  ...dashboardComponents,
  diffPage,
  ...restoreComponents,
];
