import { errors, json } from '../http';
import { computeGuildPermissions } from '../permissions';
import { applicationObject, channelObject, userObject } from '../serialize';
import { type AddRoute, bodyRecord } from './route';

/** Users, the bot's own application, DM channel creation and the bot's guild list. */
export function registerUserRoutes(add: AddRoute): void {
  add('GET', '/users/@me', {
    auth: 'bot',
    handler: ({ ctx }) => json(200, userObject(ctx, ctx.store.state.botUserId)),
  });
  add('GET', '/users/@me/guilds', {
    auth: 'bot',
    handler: ({ ctx }) => {
      const botId = ctx.store.state.botUserId;
      const guilds = ctx.store.state.guilds
        .filter((g) => g.members.some((m) => m.user_id === botId))
        .map((g) => ({
          id: g.id,
          name: g.name,
          icon: g.icon,
          banner: g.banner ?? null,
          owner: g.owner_id === botId,
          permissions: (computeGuildPermissions(g, botId) ?? 0n).toString(),
          features: [...g.features],
        }));
      return json(200, guilds);
    },
  });
  add('POST', '/users/@me/channels', {
    auth: 'bot',
    handler: ({ ctx, body }) => {
      const recipient = bodyRecord(body).recipient_id;
      if (typeof recipient !== 'string' || !ctx.store.user(recipient)) {
        throw errors.invalidFormBody({
          recipient_id: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] },
        });
      }
      return json(200, channelObject(ctx, ctx.store.dmChannel(recipient, ctx.newId)));
    },
  });
  add('GET', '/users/:userId', {
    auth: 'bot',
    handler: ({ ctx, params }) => {
      const user = userObject(ctx, params.userId!);
      if (!user) throw errors.unknownUser();
      return json(200, user);
    },
  });
  add('GET', '/applications/@me', {
    auth: 'bot',
    handler: ({ ctx }) => json(200, applicationObject(ctx)),
  });
  add('GET', '/oauth2/applications/@me', {
    auth: 'bot',
    handler: ({ ctx }) => json(200, applicationObject(ctx)),
  });
}
