import { createApp } from './app';
import { commands, components } from './commands';
import type { Env } from './env';
import { runScheduled } from './scheduled';

const app = createApp({ commands, components });

export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(runScheduled(env));
  },
} satisfies ExportedHandler<Env>;
