import { createApp } from './app';
import type { BackupQueueMessage } from './backups/backup-job';
import { consumeBackupJobs } from './backups/queue-consumer';
import { commands, components, extensions } from './commands';
import type { Env } from './env';
import {
  consumeHookDeadLetters,
  consumeHookEvents,
  HOOK_DEAD_LETTER_QUEUE,
  HOOK_QUEUE,
} from './hooks/queue-consumer';
import { runScheduled } from './scheduled';

export { GatewayCoordinator } from '../durable-objects/gateway-coordinator';
export { GatewayShard } from '../durable-objects/gateway-shard';
export { RestBudget } from '../durable-objects/rest-budget';
export { RestoreRunner } from '../durable-objects/restore-runner';

const app = createApp({ commands, components, extensions });

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(runScheduled(env, controller.cron));
  },
  async queue(batch: MessageBatch<unknown>, env: Env) {
    // One worker consumes several queues: route by the queue's name.
    if (batch.queue === HOOK_QUEUE) return consumeHookEvents(batch, env);
    if (batch.queue === HOOK_DEAD_LETTER_QUEUE) return consumeHookDeadLetters(batch, env);
    await consumeBackupJobs(batch as MessageBatch<BackupQueueMessage>, env);
  },
} satisfies ExportedHandler<Env, unknown>;
