import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { type AskDeps, answerQuestion, asksForSecret, REFUSAL_NOTE } from '../../worker/assistant/answer';
import { generate, type Prompt, type TextGenerationBinding } from '../../worker/assistant/generate';
import { acquireSlot, GENERATION_SLOTS, releaseSlot } from '../../worker/assistant/generation-slots';
import { pruneAssistantIndex } from '../../worker/assistant/passage-index';
import { renderAnswer, splitText } from '../../worker/assistant/render';
import { commands, components, extensions } from '../../worker/commands';
import { loadConfig } from '../../worker/config';
import { database } from '../../worker/db/client';
import { recordCommandMetrics } from '../../worker/diagnostics/command-metrics';
import { createRegistry } from '../../worker/framework/registry';

const loaded = loadConfig(env);
if (!loaded.ok) throw new Error('test config');
const TOKEN = loaded.config.token;
const registry = createRegistry({ commands, components, extensions, safeLimit: 95, warningLimit: 90 });
const db = database(env.DB);
const OTHER = DEMO.otherGuildId;

/** A scripted model behind the binding's interface: records each call, answers from a script. */
function scriptedModel(answer: (prompt: Prompt) => unknown | Promise<unknown>) {
  const calls: { model: string; prompt: Prompt }[] = [];
  const ai: TextGenerationBinding = {
    async run(model, inputs) {
      const prompt = { messages: inputs.messages as Prompt['messages'] };
      calls.push({ model, prompt });
      return answer(prompt);
    },
  };
  return { ai, calls };
}

let n = 0;
const deps = (extra: Partial<AskDeps> = {}): AskDeps => ({
  d1: env.DB,
  db,
  registry,
  secrets: [TOKEN, 'dashboard-client-secret-value'],
  guildId: DEMO.guildId,
  isOwner: false,
  ...extra,
});
const ask = (d: AskDeps, action: Parameters<typeof answerQuestion>[1]['action'], query: string | null) =>
  answerQuestion(d, { action, query, requestId: `req-${++n}` });

async function clear() {
  await env.DB.batch(
    [
      'assistant_answers',
      'assistant_slots',
      'diagnostic_errors',
      'scheduled_tasks',
      'assistant_index_state',
    ].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
}

async function addTask(guildId: string, name: string) {
  await env.DB.prepare(
    `INSERT INTO scheduled_tasks (id, guild_id, name, cron, timezone, task_type, channel_id, content, created_by, created_at, next_run_at)
     VALUES (?, ?, ?, '0 9 * * 1', 'Europe/Paris', 'message', ?, 'hello', ?, ?, ?)`,
  )
    .bind(
      crypto.randomUUID().slice(0, 12),
      guildId,
      name,
      DEMO.channels.general,
      DEMO.users.olive,
      Date.now(),
      Date.now() + 3_600_000,
    )
    .run();
}

describe('/ask answers', () => {
  beforeEach(clear);

  it('gives the model the retrieved passages, never a secret, and cites them', async () => {
    const { ai, calls } = scriptedModel(() => ({ response: 'Use /backupcreate, then /backuprestore [1].' }));
    const answer = await ask(deps({ ai }), 'readme', 'How do I restore a backup?');
    expect(answer.generated).toBe(true);
    expect(answer.text).toBe('Use /backupcreate, then /backuprestore [1].');
    expect(calls).toHaveLength(1);
    const system = calls[0]?.prompt.messages[0]?.content ?? '';
    expect(system).toContain('[1] README.md');
    for (const c of answer.citations) expect(system).toContain(c.title);
    const everything = JSON.stringify(calls);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('dashboard-client-secret-value');
  });

  it('answers with the passages and says why when there is no AI binding', async () => {
    const answer = await ask(deps({ ai: null }), 'readme', 'How do I restore a backup?');
    expect(answer.generated).toBe(false);
    expect(answer.fallbackReason).toContain('no Workers AI binding');
    expect(answer.text).toMatch(/^\*\*\[1\] README\.md/);
    const [message] = renderAnswer(answer);
    expect(message?.embeds?.at(-1)?.footer?.text).toMatch(/^Generation is unavailable/);
  });

  it('falls back to the passages when the model fails or returns nothing', async () => {
    for (const behaviour of [
      () => {
        throw new Error('3040: Capacity temporarily exceeded');
      },
      () => ({ result: 'not the expected shape' }),
    ]) {
      const { ai } = scriptedModel(behaviour);
      const answer = await ask(deps({ ai }), 'framework', `how is a backup captured ${n}`);
      expect(answer.generated).toBe(false);
      expect(answer.fallbackReason).toMatch(/^generation is unavailable \(/);
      expect(answer.citations.length).toBeGreaterThan(0);
    }
  });

  it('gives up on a model that never answers', async () => {
    const { ai } = scriptedModel(() => new Promise(() => {}));
    const result = await generate(ai, { messages: [{ role: 'user', content: 'hi' }] }, 5);
    expect(result).toEqual({ ok: false, reason: 'no answer within 0.005 s' });
  });

  it('redacts a secret the model might produce', async () => {
    const { ai } = scriptedModel(() => ({ response: `Sure, the token is ${TOKEN}` }));
    const answer = await ask(deps({ ai }), 'framework', 'what is in the config');
    expect(answer.text).not.toContain(TOKEN);
  });

  it('refuses to reveal secrets and says how to set them instead', async () => {
    expect(asksForSecret('What is the bot token?')).toBe(true);
    expect(asksForSecret('show me DISCORD_CLIENT_SECRET')).toBe(true);
    expect(asksForSecret('How do I set the token with wrangler?')).toBe(false);
    const answer = await ask(
      deps({ ai: null, isOwner: true }),
      'framework',
      'What is the value of DISCORD_TOKEN?',
    );
    expect(answer.refusal).toBe(true);
    expect(answer.text.startsWith(REFUSAL_NOTE)).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(TOKEN);
  });

  it("never shows another server's scheduled tasks or errors", async () => {
    await addTask(DEMO.guildId, 'weekly-standup');
    await addTask(OTHER, 'secret-other-guild-raid');
    await recordCommandMetrics(db, {
      command: 'ban',
      guildId: OTHER,
      outcome: 'failed',
      error: 'other-guild-failure',
    });
    await recordCommandMetrics(db, {
      command: 'ping',
      guildId: DEMO.guildId,
      outcome: 'failed',
      error: 'our-failure',
    });
    const { ai, calls } = scriptedModel(() => ({ response: 'ok' }));
    const tasks = await ask(deps({ ai }), 'automations', 'which scheduled tasks exist raid standup');
    expect(tasks.citations.map((c) => c.source)).toContain('scheduler:weekly-standup');
    const diagnose = await ask(deps({ ai }), 'diagnose', 'what failed recently');
    expect(diagnose.citations.map((c) => c.source)).toContain('errors:recent');
    const seen = JSON.stringify(calls) + JSON.stringify([tasks, diagnose]);
    expect(seen).toContain('our-failure');
    expect(seen).not.toContain('secret-other-guild-raid');
    expect(seen).not.toContain('other-guild-failure');
  });

  it('lets bot owners see every server’s recent errors', async () => {
    await recordCommandMetrics(db, {
      command: 'ban',
      guildId: OTHER,
      outcome: 'failed',
      error: 'other-guild-failure',
    });
    const answer = await ask(deps({ ai: null, isOwner: true }), 'diagnose', null);
    expect(answer.text).toContain('other-guild-failure');
  });

  it('caches an answer for 60 s per question and guild', async () => {
    const { ai, calls } = scriptedModel(() => ({ response: `answer ${calls.length}` }));
    const first = await ask(deps({ ai }), 'slash', 'how many slash commands');
    const again = await ask(deps({ ai }), 'slash', '  How many   slash commands ');
    expect(calls).toHaveLength(1);
    expect(again).toMatchObject({ text: first.text, cached: true });
    await ask(deps({ ai, guildId: OTHER }), 'slash', 'how many slash commands');
    expect(calls).toHaveLength(2);
    await ask(deps({ ai, now: Date.now() + 61_000 }), 'slash', 'how many slash commands');
    expect(calls).toHaveLength(3);
  });

  it('writes at most 3 answers at once; the 4th gets the passages', async () => {
    for (let i = 0; i < GENERATION_SLOTS; i++) expect(await acquireSlot(env.DB, `busy-${i}`)).toBe(true);
    expect(await acquireSlot(env.DB, 'one-too-many')).toBe(false);
    const { ai, calls } = scriptedModel(() => ({ response: 'never' }));
    const answer = await ask(deps({ ai }), 'database', 'which tables exist');
    expect(calls).toHaveLength(0);
    expect(answer.fallbackReason).toContain('busy');
    await releaseSlot(env.DB, 'busy-0');
    expect(await acquireSlot(env.DB, 'next')).toBe(true);
    // An expired lease is free again.
    expect(await acquireSlot(env.DB, 'later', Date.now() + 31_000)).toBe(true);
  });

  it('runs generations in parallel up to the limit', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let running = 0;
    let peak = 0;
    const { ai } = scriptedModel(async () => {
      running++;
      peak = Math.max(peak, running);
      await gate;
      running--;
      return { response: 'done' };
    });
    const answers = Array.from({ length: 5 }, (_, i) =>
      ask(deps({ ai }), 'framework', `question number ${i} about backups`),
    );
    await new Promise((r) => setTimeout(r, 200));
    release();
    const done = await Promise.all(answers);
    expect(peak).toBe(GENERATION_SLOTS);
    expect(done.filter((a) => a.generated)).toHaveLength(peak);
    expect(done.filter((a) => a.fallbackReason?.includes('busy'))).toHaveLength(5 - peak);
  });

  it('drops live scopes nobody asked about for a day, keeping the documents', async () => {
    await ask(deps({ ai: null, guildId: OTHER }), 'automations', 'tasks');
    const scopes = async () =>
      (
        await env.DB.prepare('SELECT scope FROM assistant_index_state ORDER BY scope').all<{
          scope: string;
        }>()
      ).results.map((r) => r.scope);
    expect(await scopes()).toContain(`guild:${OTHER}`);
    await pruneAssistantIndex(env.DB, Date.now() + 25 * 3_600_000);
    expect(await scopes()).toEqual(['docs']);
    const left = await env.DB.prepare(
      "SELECT count(*) AS n FROM assistant_passages WHERE scope != 'docs'",
    ).first<{
      n: number;
    }>();
    expect(left?.n).toBe(0);
  });

  it('splits long answers within Discord limits', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: ${'word '.repeat(20)}`).join('\n\n');
    expect(splitText(long).every((piece) => piece.length <= 4000)).toBe(true);
    const messages = renderAnswer({
      action: 'framework',
      question: 'everything',
      text: long,
      citations: [{ title: 'README.md › Edgeward', source: 'README.md' }],
      generated: true,
      fallbackReason: null,
      refusal: false,
      cached: false,
    });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      const embeds = m.embeds ?? [];
      expect(embeds.length).toBeLessThanOrEqual(10);
      const size = embeds.reduce(
        (t, e) =>
          t +
          (e.title?.length ?? 0) +
          (e.description?.length ?? 0) +
          (e.footer?.text.length ?? 0) +
          (e.fields ?? []).reduce((f, x) => f + x.name.length + x.value.length, 0),
        0,
      );
      expect(size).toBeLessThanOrEqual(6000);
    }
    expect(
      messages
        .flatMap((m) => m.embeds ?? [])
        .map((e) => e.description)
        .join('\n\n').length,
    ).toBeGreaterThan(long.length - 1000);
  });
});
