import { describe, expect, it } from 'vitest';
import { EMBED_LIMITS, fitEmbeds } from '../../worker/framework/embed-limits';

const total = (embeds: ReturnType<typeof fitEmbeds>) =>
  embeds.reduce(
    (n, e) =>
      n +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );

describe('embed limits', () => {
  it('keeps every reply within 6,000 characters and each part within its own limit', () => {
    const embed = {
      title: 't'.repeat(300),
      description: 'd'.repeat(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `field ${i}`, value: 'v'.repeat(1500) })),
    };
    const [fitted] = fitEmbeds([embed]);
    expect(fitted!.title!.length).toBe(EMBED_LIMITS.title);
    expect(fitted!.description!.length).toBe(EMBED_LIMITS.description);
    expect(fitted!.fields!.length).toBeLessThanOrEqual(25);
    expect(fitted!.fields!.every((f) => f.value.length <= 1024)).toBe(true);
    expect(total([fitted!])).toBeLessThanOrEqual(EMBED_LIMITS.total);
  });

  it('leaves an embed that fits untouched', () => {
    const embed = { title: 'ok', fields: [{ name: 'a', value: 'b' }] };
    expect(fitEmbeds([embed])).toEqual([embed]);
  });
});
