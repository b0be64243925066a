import { DiscordAPIError, type REST } from '@discordjs/rest';
import { describe, expect, it } from 'vitest';
import { editOriginalOnceCreated } from '../../worker/framework/interaction-response';

const unknownMessage = () =>
  new DiscordAPIError(
    { code: 10008, message: 'Unknown Message' },
    10008,
    404,
    'PATCH',
    '/webhooks/x/y/messages/@original',
    {},
  );

/** A REST stand-in whose PATCH fails with the given errors, then succeeds. */
function restFailing(errors: Error[]) {
  const calls: string[] = [];
  const rest = {
    async patch(route: string) {
      calls.push(route);
      const error = errors.shift();
      if (error) throw error;
      return {};
    },
  } as unknown as REST;
  return { rest, calls };
}

describe('the deferred reply edit', () => {
  it('waits for Discord to create the original response when the work was faster than Discord', async () => {
    const { rest, calls } = restFailing([unknownMessage(), unknownMessage()]);
    await editOriginalOnceCreated(rest, '1', 'token', { content: 'done' });
    expect(calls).toHaveLength(3);
    expect(calls[0]).toBe('/webhooks/1/token/messages/%40original');
  });

  it('gives up after its last wait, and never retries other errors', async () => {
    const forever = restFailing(Array.from({ length: 10 }, unknownMessage));
    await expect(editOriginalOnceCreated(forever.rest, '1', 'token', { content: 'x' })).rejects.toThrow(
      'Unknown Message',
    );
    expect(forever.calls).toHaveLength(5);
    const other = restFailing([
      new DiscordAPIError({ code: 50027, message: 'Invalid Webhook Token' }, 50027, 401, 'PATCH', '/w', {}),
    ]);
    await expect(editOriginalOnceCreated(other.rest, '1', 'token', { content: 'x' })).rejects.toThrow(
      'Invalid Webhook Token',
    );
    expect(other.calls).toHaveLength(1);
  });
});
