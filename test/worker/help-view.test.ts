import { describe, expect, it } from 'vitest';
import { helpComponents } from '../../worker/commands/core/help';
import { helpCategory } from '../../worker/commands/core/help-view';
import { defineCommand } from '../../worker/framework/command';
import type { Invoker } from '../../worker/framework/context';
import { decodeCustomId } from '../../worker/framework/custom-id';
import { createRegistry } from '../../worker/framework/registry';
import { reply } from '../../worker/framework/reply';

const invoker: Invoker = {
  user: { id: '1300000000000001003', username: 'max', discriminator: '0', global_name: null, avatar: null },
  guildId: '1300000000000000100',
  channelId: '1300000000000000121',
  roles: [],
  permissions: 0n,
  isBotOwner: false,
};
const many = Array.from({ length: 12 }, (_, i) =>
  defineCommand({
    name: `c${i}`,
    description: `command ${i}`,
    category: 'Big',
    run: () => reply.message({}),
    ...(i === 11 ? { slash: false } : {}),
  }),
);

describe('help category pages', () => {
  const registry = createRegistry({ commands: many, components: [], safeLimit: 10, warningLimit: 8 });

  it('shows five commands a page with working previous/next buttons', () => {
    const first = helpCategory(registry, invoker, 'Big', 1, '!', helpComponents);
    expect(first?.embeds?.[0]?.fields).toHaveLength(5);
    expect(first?.embeds?.[0]?.description).toContain('Page** 1/3');
    const [prev, next] = (first?.components?.[1]?.components ?? []) as {
      disabled?: boolean;
      custom_id: string;
    }[];
    expect(prev?.disabled).toBe(true);
    expect(decodeCustomId(next?.custom_id ?? '')?.values).toEqual(['Big', '2']);
    const last = helpCategory(registry, invoker, 'Big', 99, '!', helpComponents);
    expect(last?.embeds?.[0]?.description).toContain('Page** 3/3');
    expect(last?.embeds?.[0]?.fields?.map((f) => f.name)).toEqual(['🔹 c10', '🔸 c11']);
  });

  it('marks commands kept off slash by the limit with 🔹', () => {
    const page = helpCategory(registry, invoker, 'Big', 2, '!', helpComponents);
    expect(page?.embeds?.[0]?.fields?.map((f) => f.name)).toEqual([
      '⚡ c5',
      '⚡ c6',
      '⚡ c7',
      '⚡ c8',
      '⚡ c9',
    ]);
    const limited = createRegistry({ commands: many, components: [], safeLimit: 8, warningLimit: 5 });
    const view = helpCategory(limited, invoker, 'Big', 2, '!', helpComponents);
    expect(view?.embeds?.[0]?.fields?.map((f) => f.name)).toEqual([
      '⚡ c5',
      '⚡ c6',
      '⚡ c7',
      '🔹 c8',
      '🔹 c9',
    ]);
  });

  it('returns null for an unknown category', () => {
    expect(helpCategory(registry, invoker, 'Nope', 1, '!', helpComponents)).toBeNull();
  });
});
