import { Hono } from 'hono';
import { z } from 'zod';
import { toggleGuildExtension } from '../extensions/guild-toggle';
import { apiError, type DashboardEnv } from './context';
import { extensionsOf, plainText } from './extensions-view';
import { guildAccess, requireCsrf } from './middleware';
import { readJson } from './read-json';

const toggleBody = z.object({ enabled: z.boolean() }).strict();

/**
 * A server's extensions: the list (view), and switching one on or off (settings) under the same rules as
 * `/extensions enable|disable`. Asking for the state it already has changes nothing and answers the list.
 */
export const extensionRoutes = new Hono<DashboardEnv>()
  .get('/:guildId/extensions', guildAccess('view'), async (c) =>
    c.json(await extensionsOf(c.get('services'), c.get('guild').id)),
  )
  .post('/:guildId/extensions/:name', requireCsrf, guildAccess('settings'), async (c) => {
    const services = c.get('services');
    const extension = services.registry.extension(c.req.param('name'));
    if (!extension) return apiError(c, 404, 'No such extension.');
    const parsed = await readJson(c, toggleBody);
    if (!parsed.ok) return parsed.response;
    const guildId = c.get('guild').id;
    const decision = await toggleGuildExtension(services, {
      guildId,
      extension,
      enable: parsed.value.enabled,
      actorId: c.get('session').userId,
    });
    if (!decision.ok && decision.tone === 'error') {
      const reasons = decision.reasons.map(plainText);
      return apiError(c, 409, reasons.join(' '), { title: decision.title, reasons });
    }
    return c.json(await extensionsOf(services, guildId));
  });
