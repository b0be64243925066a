/**
 * The floor for `npm run bench`: reads the body and checks the Ed25519 signature exactly as the real worker
 * does (same functions, same order), then answers a constant. PING gets a PONG, anything else a fixed type-4
 * message. Whatever the real worker spends above this is routing, config, parsing, dispatch and D1.
 */
import { readLimitedBody } from '../../worker/http/read-limited-body';
import { checkSignature } from '../../worker/http/verify-signature';

interface BareEnv {
  DISCORD_PUBLIC_KEY?: string;
  SIGNATURE_MAX_AGE_SECONDS?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const PONG = JSON.stringify({ type: 1 });
const MESSAGE = JSON.stringify({ type: 4, data: { content: 'bench floor', flags: 64 } });

function json(body: string, status = 200): Response {
  return new Response(body, { status, headers: JSON_HEADERS });
}

async function interactions(request: Request, env: BareEnv): Promise<Response> {
  const publicKey = env.DISCORD_PUBLIC_KEY?.toLowerCase();
  if (!publicKey) return json(JSON.stringify({ error: 'DISCORD_PUBLIC_KEY is not set' }), 500);
  const body = await readLimitedBody(request);
  if (body === null) return json(JSON.stringify({ error: 'request body too large' }), 413);
  const signature = await checkSignature(
    publicKey,
    request.headers.get('x-signature-ed25519') ?? undefined,
    request.headers.get('x-signature-timestamp') ?? undefined,
    body,
    Number(env.SIGNATURE_MAX_AGE_SECONDS ?? 300),
  );
  if (!signature.ok) {
    return json(JSON.stringify({ error: `invalid request signature (${signature.reason})` }), 401);
  }
  let type: unknown;
  try {
    type = (JSON.parse(new TextDecoder().decode(body)) as { type?: unknown }).type;
  } catch {
    return json(JSON.stringify({ error: 'body is not JSON' }), 400);
  }
  return json(type === 1 ? PONG : MESSAGE);
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/health' && request.method === 'GET') return json(JSON.stringify({ ok: true }));
    if (pathname === '/interactions' && request.method === 'POST') return interactions(request, env);
    return json(JSON.stringify({ error: 'not found' }), 404);
  },
} satisfies ExportedHandler<BareEnv>;
