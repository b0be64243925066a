import type { REST } from '@discordjs/rest';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Env } from '../env';

/** What a scheduled task's handler can reach. */
export interface TaskContext {
  env: Env;
  config: Config;
  db: Database;
  rest: REST;
}

/** The due run of a scheduled task. */
export interface TaskInfo {
  id: string;
  guildId: string;
  name: string;
  taskType: string;
  channelId: string | null;
  content: string | null;
  /** The due time being run (UTC ms). */
  scheduledFor: number;
  /** 1 for the first run. */
  runNumber: number;
}
