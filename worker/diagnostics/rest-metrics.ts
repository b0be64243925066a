import type { REST } from '@discordjs/rest';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { restMinutes } from '../db/schema';
import { metricsEnabled, minuteOf } from './command-metrics';

/** The statuses recorded: rate limits as 429, every server error as 500. */
export function watchedStatus(status: number): 429 | 500 | null {
  if (status === 429) return 429;
  if (status >= 500 && status < 600) return 500;
  return null;
}

/** The rate-limit route (ids already `:id`), with anything still token-like masked and length bounded. */
export function routeLabel(method: string, route: string): string {
  const masked = route
    .split('/')
    .map((part) => (/^\d+$/.test(part) ? ':id' : part.length > 32 ? ':token' : part))
    .join('/');
  return `${method.toUpperCase()} ${masked}`.slice(0, 120);
}

export async function recordRestStatus(db: Database, label: string, status: 429 | 500, now = Date.now()) {
  await db
    .insert(restMinutes)
    .values({ minute: minuteOf(now), route: label, status, count: 1 })
    .onConflictDoUpdate({
      target: [restMinutes.minute, restMinutes.route, restMinutes.status],
      set: { count: sql`${restMinutes.count} + 1` },
    });
}

/**
 * Counts a REST client's 429 and 5xx answers per route and minute, written in the background. Other
 * answers cost nothing: the listener returns at once.
 */
export function watchRestResponses(
  rest: REST,
  db: Database,
  waitUntil: (work: Promise<unknown>) => void,
): REST {
  if (!metricsEnabled(db)) return rest;
  rest.on('response', (request, response) => {
    const status = watchedStatus(response.status);
    if (status === null) return;
    waitUntil(recordRestStatus(db, routeLabel(request.method, request.route), status).catch(() => {}));
  });
  return rest;
}
