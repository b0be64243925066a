import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import type { AskAction } from '../../worker/assistant/actions';
import { retrieve } from '../../worker/assistant/retrieve';
import { commands, components, extensions } from '../../worker/commands';
import { loadConfig } from '../../worker/config';
import { database } from '../../worker/db/client';
import { createRegistry } from '../../worker/framework/registry';

const loaded = loadConfig(env);
if (!loaded.ok) throw new Error('test config');
const registry = createRegistry({ commands, components, extensions, safeLimit: 95, warningLimit: 90 });
const ctx = {
  d1: env.DB,
  db: database(env.DB),
  registry,
  secrets: [loaded.config.token],
  guildId: DEMO.guildId,
  isOwner: false,
};

/** 20 questions about the bot, each with the action a user would pick and the source that answers it. */
const QUESTIONS: [AskAction, string, string][] = [
  [
    'slash',
    'How many slash commands can the bot register, and what happens past the limit?',
    'registry:slash-usage',
  ],
  ['slash', 'How do I register the slash commands with Discord?', 'command:/sync'],
  ['framework', 'How does the worker verify the signature of an interaction?', 'docs/architecture.md'],
  ['framework', 'How is a prefix command handled by the gateway shard?', 'docs/architecture.md'],
  ['readme', 'How do I deploy the bot to Cloudflare?', 'README.md'],
  ['readme', 'How do I restore a backup of my server?', 'README.md'],
  ['database', 'Which D1 table stores the scheduled tasks?', 'database:scheduled_tasks'],
  ['database', 'How are D1 migrations generated and applied?', 'database:migrations'],
  ['automations', 'How do I run a task every Monday at 9 in my timezone?', 'docs/scheduler.md'],
  ['automations', "What happens when a scheduled task's channel is deleted?", 'docs/scheduler.md'],
  ['plugins', 'How do I write the manifest of an extension?', 'docs/extensions.md'],
  ['plugins', 'How do I enable an extension in my server?', 'docs/extensions.md'],
  ['extension', 'welcome', 'extension:welcome'],
  ['diagnose', 'Why would the health tier be degraded?', 'docs/diagnostics.md'],
  ['framework', 'How often can a health alert be sent?', 'docs/diagnostics.md'],
  ['framework', 'How does the assistant answer when Workers AI is not available?', 'docs/assistant.md'],
  ['framework', 'Which secret and variables must be configured?', 'config:schema'],
  ['framework', 'Why does a restore never resend a write after a 5xx?', 'docs/decisions.md'],
  ['framework', 'What does the Discord emulator simulate for tests?', 'docs/emulator.md'],
  ['slash', 'Who may export a backup file?', 'command:/backupexport'],
];

describe('retrieval quality', () => {
  it('finds the expected source in the top 3 for at least 15 of 20 questions', async () => {
    let hits = 0;
    const misses: string[] = [];
    for (const [action, question, expected] of QUESTIONS) {
      const top = (await retrieve(ctx, action, question)).slice(0, 3).map((h) => h.source);
      if (top.some((s) => s === expected)) hits++;
      else misses.push(`${action} "${question}" → ${top.join(', ')} (expected ${expected})`);
    }
    console.log(
      `assistant retrieval: hit rate at 3 = ${hits}/${QUESTIONS.length}${misses.length ? `\n  misses:\n  ${misses.join('\n  ')}` : ''}`,
    );
    expect(hits).toBeGreaterThanOrEqual(15);
  });
});
