import { describe, expect, it } from 'vitest';
import { defineComponent } from '../../worker/framework/command';
import { decodeCustomId, paramsFromValues } from '../../worker/framework/custom-id';
import { reply } from '../../worker/framework/reply';

const page = defineComponent({
  pattern: 'help.page/:category/:page',
  ttlSeconds: 180,
  run: (_ctx, params) => reply.message({ content: `${params.category} ${params.page}` }),
});

describe('typed custom ids', () => {
  it('round-trips owner, expiry and parameters, including slashes in values', () => {
    const id = page.id(
      { user: { id: '1300000000000001001' } },
      { category: 'Owner/Admin', page: '2' },
      1_700_000_000_000,
    );
    const decoded = decodeCustomId(id);
    expect(decoded?.key).toBe('help.page');
    expect(decoded?.owner).toBe('1300000000000001001');
    expect(decoded?.expiresAtMs).toBe(1_700_000_180_000);
    expect(paramsFromValues(page.pattern, decoded?.values ?? [])).toEqual({
      category: 'Owner/Admin',
      page: '2',
    });
  });
  it('stays within Discord’s 100 characters or throws', () => {
    expect(() => page.id({ user: { id: '1' } }, { category: 'x'.repeat(90), page: '1' })).toThrow(/too long/);
  });
  it('rejects ids it did not make', () => {
    expect(decodeCustomId('legacy_button')).toBeNull();
    expect(paramsFromValues(page.pattern, ['only-one'])).toBeNull();
  });
});
