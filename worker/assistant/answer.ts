import { z } from 'zod';
import { redactSecrets } from '../diagnostics/redact';
import { ACTIONS, type AskAction } from './actions';
import { cacheAnswer, cacheKey, readCachedAnswer } from './answer-cache';
import { buildPrompt, generate, type Prompt, type TextGenerationBinding } from './generate';
import { withSlot } from './generation-slots';
import { type RetrievalContext, retrieve } from './retrieve';
import type { Hit } from './search';

export interface AskInput {
  action: AskAction;
  query: string | null;
  /** The `file` action: the attachment's text (already fetched and size-checked). */
  file?: { name: string; text: string } | null;
  /** Unique per request: holds the generation slot. */
  requestId: string;
}

export interface AskDeps extends RetrievalContext {
  /** The Workers AI binding; absent offline or when not configured. */
  ai?: TextGenerationBinding | null;
  /** Sees the prompt just before the model does (tests, logging). */
  onPrompt?: (prompt: Prompt) => void;
}

const answerSchema = z.object({
  action: z.string(),
  question: z.string(),
  text: z.string(),
  citations: z.array(z.object({ title: z.string(), source: z.string() })),
  generated: z.boolean(),
  fallbackReason: z.string().nullable(),
  refusal: z.boolean(),
  cached: z.boolean(),
});
export type AssistantAnswer = z.output<typeof answerSchema>;

const SECRET_WORDS =
  /(token|secret|password|passwd|api[ _-]?key|private[ _-]?key|credential|\benv(ironment)?\b|\.dev\.vars)/i;
const REVEAL_WORDS =
  /\b(what('?s| is| are)|show|print|reveal|tell|give|leak|dump|display|values?|paste|send|list|read)\b/i;

/** A question that asks for a credential's value (not how to set one). */
export function asksForSecret(question: string): boolean {
  return SECRET_WORDS.test(question) && REVEAL_WORDS.test(question);
}

export const REFUSAL_NOTE =
  '🔒 I never reveal tokens, secrets or environment values, and they are not in what I can read. To set or rotate one, use `wrangler secret put NAME` (see `/fw_config_schema`).';
const EXCERPT_CHARS = 600;

function excerpt(body: string): string {
  const flat = body.replace(/\n{3,}/g, '\n\n').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}

/** The answer without a model: the best passages, numbered as they are cited. */
export function passagesAnswer(hits: readonly Hit[]): string {
  return hits.map((h, i) => `**[${i + 1}] ${h.title}**\n${excerpt(h.body)}`).join('\n\n');
}

/**
 * Answers a /ask question from the bot's own data: the search index (documents, registry, manifests,
 * live state of the asker's guild), then the model when it is there and a generation slot is free,
 * otherwise the cited passages with the reason. Never throws for a model problem; never returns a
 * secret (the prompt is built from redacted passages and the answer is redacted again).
 */
export async function answerQuestion(deps: AskDeps, input: AskInput): Promise<AssistantAnswer> {
  const spec = ACTIONS[input.action];
  const question = (input.query ?? '').trim().slice(0, 300) || spec.defaultQuery;
  const key = await cacheKey([
    deps.guildId ?? 'dm',
    deps.isOwner ? 'owner' : 'member',
    input.action,
    question.toLowerCase().replace(/\s+/g, ' '),
    input.file ? `${input.file.name}:${input.file.text.length}:${input.file.text.slice(0, 200)}` : '',
  ]);
  const cached = await readCachedAnswer(deps.d1, key, deps.now);
  if (cached) {
    const parsed = answerSchema.safeParse(JSON.parse(cached));
    if (parsed.success) return { ...parsed.data, cached: true };
  }

  const refusal = asksForSecret(question);
  const hits = await retrieve(deps, input.action, question, input.file ?? null);
  const citations = hits.map((h) => ({ title: h.title, source: h.source }));
  const base = { action: input.action, question, citations, refusal, cached: false };
  const prefix = refusal ? `${REFUSAL_NOTE}\n\n` : '';

  let answer: AssistantAnswer;
  let cacheable = true;
  if (hits.length === 0) {
    answer = {
      ...base,
      text: `${prefix}I found nothing about that in the bot's documentation or data. Try another action or \`/help\`.`,
      generated: false,
      fallbackReason: null,
    };
  } else if (!deps.ai) {
    answer = {
      ...base,
      text: prefix + passagesAnswer(hits),
      generated: false,
      fallbackReason: 'generation is unavailable: this deployment has no Workers AI binding (AI)',
    };
  } else {
    const prompt = buildPrompt(question, input.action, hits);
    deps.onPrompt?.(prompt);
    const ai = deps.ai;
    const generation = await withSlot(deps.d1, input.requestId, () => generate(ai, prompt));
    if (generation?.ok) {
      answer = {
        ...base,
        text: prefix + redactSecrets(generation.text, deps.secrets),
        generated: true,
        fallbackReason: null,
      };
    } else {
      cacheable = false;
      answer = {
        ...base,
        text: prefix + passagesAnswer(hits),
        generated: false,
        fallbackReason: generation
          ? `generation is unavailable (${redactSecrets(generation.reason, deps.secrets)})`
          : 'generation is busy: 3 answers are being written right now',
      };
    }
  }
  if (cacheable) {
    await cacheAnswer(deps.d1, key, deps.guildId ?? 'dm', JSON.stringify(answer), deps.now).catch(() => {});
  }
  return answer;
}
