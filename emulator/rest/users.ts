import { errors, json } from '../http';
import { currentUserObject, requireScope } from '../oauth/bearer';
import { applicationObject, channelObject, userObject } from '../serialize';
import { type AddRoute, bodyRecord } from './route';
import { currentUserGuilds } from './user-guilds';

/**
 * Users, the bot's own application, DM channel creation, and the current user and their guilds: the bot's with bot
 * auth, the token's user with a Bearer token (scopes `identify` and `guilds`).
 */
export function registerUserRoutes(add: AddRoute): void {
  add('GET', '/users/@me', {
    auth: 'bot-or-bearer',
    handler: ({ ctx, bearer }) =>
      json(200, bearer ? currentUserObject(ctx, bearer) : userObject(ctx, ctx.store.state.botUserId)),
  });
  add('GET', '/users/@me/guilds', {
    auth: 'bot-or-bearer',
    handler: ({ ctx, bearer, query }) => {
      if (bearer) requireScope(bearer, 'guilds');
      return json(200, currentUserGuilds(ctx, bearer?.userId ?? ctx.store.state.botUserId, query));
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
