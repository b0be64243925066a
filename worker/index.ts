import { createApp } from './app';
import type { BackupQueueMessage } from './backups/backup-job';
import { consumeBackupJobs } from './backups/queue-consumer';
import { commands, components } from './commands';
import type { Env } from './env';
import { runScheduled } from './scheduled';

export { GatewayCoordinator } from '../durable-objects/gateway-coordinator';
export { GatewayShard } from '../durable-objects/gateway-shard';
export { RestBudget } from '../durable-objects/rest-budget';
export { RestoreRunner } from '../durable-objects/restore-runner';

const app = createApp({ commands, components });

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(runScheduled(env, controller.cron));
  },
  async queue(batch: MessageBatch<BackupQueueMessage>, env: Env) {
    await consumeBackupJobs(batch, env);
  },
} satisfies ExportedHandler<Env, BackupQueueMessage>;
