import type { EmulatorContext } from '../context';
import { pageAfter, pageBefore, sortedById } from '../paginate';
import { computeGuildPermissions } from '../permissions';
import { intParam, snowflakeParam } from './query';

/**
 * `GET /users/@me/guilds` for the bot or for a Bearer token's user (`developers/resources/user.mdx`): partial guilds
 * the user is a member of, ascending by id, with the user's guild-level `permissions` (all bits for the owner and
 * for Administrator). `limit` 1–200 (default 200); `after` gives the first `limit` guilds above it, `before` the last
 * `limit` below it (with both, `before` counts); `with_counts` (`true`, `True` or `1`) adds the approximate counts.
 */
export function currentUserGuilds(ctx: EmulatorContext, userId: string, query: URLSearchParams) {
  const limit = intParam(query, 'limit', { min: 1, max: 200, fallback: 200 });
  const before = snowflakeParam(query, 'before');
  const after = snowflakeParam(query, 'after');
  const withCounts = ['true', 'True', '1'].includes(query.get('with_counts') ?? '');
  const id = (g: { id: string }) => g.id;
  const member = ctx.store.state.guilds.filter((g) => g.members.some((m) => m.user_id === userId));
  const sorted = sortedById(member, id);
  const page =
    before !== undefined ? pageBefore(sorted, id, before, limit) : pageAfter(sorted, id, after, limit);
  return page.map((g) => {
    const partial: Record<string, unknown> = {
      id: g.id,
      name: g.name,
      icon: g.icon,
      banner: g.banner ?? null,
      owner: g.owner_id === userId,
      permissions: (computeGuildPermissions(g, userId) ?? 0n).toString(),
      features: [...g.features],
    };
    if (withCounts) {
      partial.approximate_member_count = g.members.length;
      partial.approximate_presence_count = 0;
    }
    return partial;
  });
}
