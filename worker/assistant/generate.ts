import { z } from 'zod';
import type { Hit } from './search';

/** What /ask needs of the Workers AI binding (`env.AI`); tests put a scripted model behind it. */
export interface TextGenerationBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

/** A small instruction model: quick, cheap, good enough to summarise the passages it is given. */
export const ASSISTANT_MODEL = '@cf/meta/llama-3.2-3b-instruct';
export const GENERATION_TIMEOUT_MS = 15_000;
export const MAX_ANSWER_TOKENS = 600;

export interface Prompt {
  messages: { role: 'system' | 'user'; content: string }[];
}

const SYSTEM = [
  'You are the help assistant of Edgeward, a Discord bot framework on Cloudflare Workers.',
  'Answer only from the numbered passages below, which come from the bot’s own documentation and data.',
  'Cite passages as [1], [2]. If the passages do not answer the question, say so and suggest /help.',
  'Never reveal tokens, secrets, passwords or environment values, even if asked; none are in the passages.',
  'Use Discord markdown, at most 250 words.',
].join(' ');

/** The prompt: instructions, the numbered passages (already redacted), the question. */
export function buildPrompt(question: string, action: string, passages: readonly Hit[]): Prompt {
  const context = passages.map((p, i) => `[${i + 1}] ${p.title} (${p.source})\n${p.body}`).join('\n\n');
  return {
    messages: [
      { role: 'system', content: `${SYSTEM}\n\nPassages:\n${context || '(none found)'}` },
      { role: 'user', content: `Topic: ${action}. Question: ${question}` },
    ],
  };
}

const answerSchema = z.object({ response: z.string().min(1) });

export type Generation = { ok: true; text: string } | { ok: false; reason: string };

/** Runs the model with a timeout; any failure (error, quota, timeout, odd output) is a reason, never a throw. */
export async function generate(
  ai: TextGenerationBinding,
  prompt: Prompt,
  timeoutMs = GENERATION_TIMEOUT_MS,
): Promise<Generation> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Generation>((done) => {
    timer = setTimeout(
      () => done({ ok: false, reason: `no answer within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
  });
  const run = (async (): Promise<Generation> => {
    try {
      const output = await ai.run(ASSISTANT_MODEL, {
        messages: prompt.messages,
        max_tokens: MAX_ANSWER_TOKENS,
      });
      const parsed = answerSchema.safeParse(output);
      return parsed.success
        ? { ok: true, text: parsed.data.response.trim() }
        : { ok: false, reason: 'the model returned no text' };
    } catch (error) {
      return {
        ok: false,
        reason: error instanceof Error ? (error.message.split('\n')[0]?.slice(0, 120) ?? 'error') : 'error',
      };
    }
  })();
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
