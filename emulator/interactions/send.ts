import type { EmulatorContext } from '../context';
import { ApiError, ControlError } from '../http';
import { type BuildSpec, buildInteraction } from './build';
import type { InteractionRecord } from './records';
import { applyInteractionResponse } from './respond';

/**
 * Delivering interactions: `send` builds, signs and POSTs to the worker; `reportResponse` takes the worker's HTTP
 * answer from a test that called the worker itself. Either way a 200 JSON body is applied like a callback.
 */
export async function sendInteraction(ctx: EmulatorContext, spec: BuildSpec, url: string | undefined) {
  const target = url ?? ctx.workerUrl;
  if (!target) throw new ControlError(400, 'no worker URL: start the emulator with workerUrl or pass "url"');
  const built = buildInteraction(ctx, spec);
  let status: number;
  let text: string;
  try {
    const res = await fetch(target, {
      method: 'POST',
      headers: built.headers,
      body: built.body,
      signal: AbortSignal.timeout(15000),
    });
    status = res.status;
    text = await res.text();
  } catch (error) {
    throw new ControlError(
      502,
      `POST ${target} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  reportResponse(ctx, built.record, status, text);
  return {
    id: built.id,
    token: built.token,
    status,
    response: built.record.httpBody,
    ...(built.record.error ? { error: built.record.error } : {}),
  };
}

export function reportResponse(
  ctx: EmulatorContext,
  record: InteractionRecord,
  status: number,
  body: unknown,
): void {
  const parsed = typeof body === 'string' ? parseMaybeJson(body) : body;
  record.status = status;
  record.httpBody = parsed ?? null;
  delete record.error;
  if (status === 200 && parsed !== null && typeof parsed === 'object') {
    try {
      applyInteractionResponse(ctx, record, parsed, 'http');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const reply = error.toReply();
      record.error = { status: reply.status, body: reply.body };
    }
  }
  ctx.interactions.changed();
}

function parseMaybeJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
