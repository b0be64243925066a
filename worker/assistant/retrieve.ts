import type { Database } from '../db/client';
import { redactSecrets } from '../diagnostics/redact';
import type { Registry } from '../framework/registry';
import { ACTIONS, type AskAction } from './actions';
import { markdownPassages, type Passage } from './chunk';
import { deploymentPassages, guildPassages, ownerPassages } from './live-passages';
import {
  contentVersion,
  DEPLOYMENT_SCOPE,
  DOCS_SCOPE,
  ensureFreshScope,
  ensureVersionedScope,
  guildScope,
  OWNER_SCOPE,
} from './passage-index';
import { ftsQuery, type Hit, passagesFrom, searchPassages } from './search';
import { loadBundledDocs, staticPassages } from './static-passages';

/** Live state is re-read into the index at most this often per scope. */
export const LIVE_REFRESH_MS = 60_000;
/** How much an action's own sources are preferred (bm25 ranks are negative: this scales them). */
export const ACTION_SOURCE_BOOST = 1.5;
/** Passages given to the model and cited. */
export const PASSAGES_PER_ANSWER = 5;

export interface RetrievalContext {
  d1: D1Database;
  db: Database;
  registry: Registry;
  secrets: readonly string[];
  guildId: string | null;
  isOwner: boolean;
  now?: number;
}

const redactAll = (passages: Passage[], secrets: readonly string[]) =>
  passages.map((p) => ({
    ...p,
    title: redactSecrets(p.title, secrets),
    body: redactSecrets(p.body, secrets),
  }));

const staticCache = new WeakMap<Registry, Promise<{ passages: Passage[]; version: string }>>();
/** The documents, commands, manifests and tables as passages, with their content version (once per registry). */
function staticFor(registry: Registry, secrets: readonly string[]) {
  let entry = staticCache.get(registry);
  if (!entry) {
    entry = (async () => {
      const passages = redactAll(staticPassages(registry, await loadBundledDocs()), secrets);
      return { passages, version: await contentVersion(passages) };
    })();
    staticCache.set(registry, entry);
  }
  return entry;
}

/** The scopes this asker may search: documents, deployment state, their own guild, and owner-only state. */
export function scopesFor(guildId: string | null, isOwner: boolean): string[] {
  return [
    DOCS_SCOPE,
    DEPLOYMENT_SCOPE,
    ...(guildId ? [guildScope(guildId)] : []),
    ...(isOwner ? [OWNER_SCOPE] : []),
  ];
}

/** Brings every scope the asker may search up to date (documents by version, live state by age). */
export async function prepareIndex(ctx: RetrievalContext): Promise<void> {
  const { d1, db, secrets, guildId, isOwner } = ctx;
  const now = ctx.now ?? Date.now();
  const statics = await staticFor(ctx.registry, secrets);
  const live = (load: () => Promise<Passage[]>) => async () => redactAll(await load(), secrets);
  await Promise.all([
    ensureVersionedScope(d1, DOCS_SCOPE, statics.passages, statics.version),
    ensureFreshScope(
      d1,
      DEPLOYMENT_SCOPE,
      live(() => deploymentPassages(db, d1, now)),
      LIVE_REFRESH_MS,
      now,
    ),
    guildId
      ? ensureFreshScope(
          d1,
          guildScope(guildId),
          live(() => guildPassages(db, guildId)),
          LIVE_REFRESH_MS,
          now,
        )
      : null,
    isOwner
      ? ensureFreshScope(
          d1,
          OWNER_SCOPE,
          live(() => ownerPassages(db)),
          LIVE_REFRESH_MS,
          now,
        )
      : null,
  ]);
}

const keyOf = (h: Passage) => `${h.source}\u0000${h.title}\u0000${h.body.slice(0, 80)}`;
function merge(lists: Hit[][], limit: number): Hit[] {
  const seen = new Set<string>();
  const out: Hit[] = [];
  for (const hit of lists.flat()) {
    const key = keyOf(hit);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(hit);
    if (out.length >= limit) break;
  }
  return out;
}

/** Ranks an attached file's sections against the question in memory (the file is never indexed). */
export function rankFile(name: string, text: string, question: string, secrets: readonly string[]): Hit[] {
  const words = (ftsQuery(question) ?? '').replace(/"/g, '').split(' OR ').filter(Boolean);
  return markdownPassages(`file:${name}`, redactSecrets(text, secrets))
    .map((p, i) => {
      const body = p.body.toLowerCase();
      const score = words.reduce((n, w) => n + (body.split(w).length - 1), 0);
      return { ...p, rank: -score + i / 1000 };
    })
    .sort((a, b) => a.rank - b.rank)
    .slice(0, 3);
}

/** The passages an answer relies on, best first: what the action always shows, then the search. */
export async function retrieve(
  ctx: RetrievalContext,
  action: AskAction,
  question: string,
  file: { name: string; text: string } | null = null,
): Promise<Hit[]> {
  await prepareIndex(ctx);
  const spec = ACTIONS[action];
  const scopes = scopesFor(ctx.guildId, ctx.isOwner);
  const [always, focused, broad] = await Promise.all([
    passagesFrom(ctx.d1, scopes, spec.always, 2),
    spec.sources.length
      ? searchPassages(ctx.d1, question, scopes, { sources: spec.sources, limit: PASSAGES_PER_ANSWER })
      : Promise.resolve([]),
    searchPassages(ctx.d1, question, scopes, { limit: PASSAGES_PER_ANSWER }),
  ]);
  const fromFile = file ? rankFile(file.name, file.text, question, ctx.secrets) : [];
  // bm25 ranks of one query are comparable (lower is better): the action's own sources get a head start,
  // but a much better passage elsewhere still comes first.
  const ranked = [...focused.map((h) => ({ ...h, rank: h.rank * ACTION_SOURCE_BOOST })), ...broad].sort(
    (a, b) => a.rank - b.rank,
  );
  const named =
    action === 'extension'
      ? await passagesFrom(ctx.d1, scopes, [`extension:${question.trim().toLowerCase()}`], 1)
      : [];
  return merge([named, fromFile, always, ranked], PASSAGES_PER_ANSWER);
}
