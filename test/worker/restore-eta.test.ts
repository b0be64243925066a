import { describe, expect, it } from 'vitest';
import { etaSeconds } from '../../worker/restore/eta';
import { roughDuration } from '../../worker/restore/progress';

describe('time left in a restore', () => {
  it('starts from the usual bucket sizes by operation type', () => {
    const pace = {
      pendingTypes: ['role.create', 'emoji.create', 'channel.update'],
      finished: 0,
      firstStartedAt: null,
    };
    expect(etaSeconds(pace, 0)).toBe(Math.ceil(1 + 2 + 0.5));
  });

  it('follows the job’s own pace once a few operations are done, 429 waits included', () => {
    const pending = Array.from({ length: 20 }, () => 'member.roles');
    // 10 operations took 50 s: Discord made the job wait. 20 left → about 100 s.
    expect(etaSeconds({ pendingTypes: pending, finished: 10, firstStartedAt: 1_000 }, 51_000)).toBe(100);
    expect(etaSeconds({ pendingTypes: [], finished: 10, firstStartedAt: 1_000 }, 51_000)).toBe(0);
  });

  it('reads as seconds, then minutes', () => {
    expect(roughDuration(42.2)).toBe('43 s');
    expect(roughDuration(446)).toBe('7 min');
    expect(roughDuration(-3)).toBe('0 s');
  });
});
