import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import {
  freshGateway,
  post,
  repliesTo,
  sessions,
  shardStub,
  startOne,
  tearDownShards,
  until,
} from '../worker/gateway-helpers';
import { interact } from '../worker/harness';

const general = DEMO.channels.general;

beforeEach(() => freshGateway());
afterEach(() => tearDownShards(1));

describe('without the Message Content intent (GATEWAY_MESSAGE_CONTENT=false)', () => {
  it('identifies without it: prefix commands see empty content, @mention commands still work', async () => {
    await startOne();
    const [session] = await sessions();
    expect((session?.intents ?? 0) & (1 << 15)).toBe(0);

    // Discord sends the prefix command with empty content: nothing to run, nothing sent.
    const prefixed = await post(general, DEMO.users.max, '!about');
    // The mention is delivered with its content (the bot is mentioned), and answered.
    const mentioned = await post(general, DEMO.users.mia, `<@${DEMO.botUserId}> about`);
    const answer = await until('the mention reply', async () => (await repliesTo(general, mentioned.id))[0]);
    expect(answer.embeds[0].title).toContain('Edgeward');
    await new Promise((r) => setTimeout(r, 300));
    expect(await repliesTo(general, prefixed.id)).toEqual([]);
    const status = await shardStub(0, 1).status();
    expect(status?.metrics.commands).toBe(1);
  });

  it('/serversettings says prefix commands cannot read messages', async () => {
    const res = await interact({
      type: 2,
      user_id: DEMO.users.ada,
      guild_id: DEMO.guildId,
      channel_id: general,
      data: { name: 'serversettings' },
    });
    const ways = res.body.data.embeds[0].fields.find((f: any) => f.name === '📝 Ways to run commands').value;
    expect(ways).toContain('without the Message Content intent the bot cannot read messages');
  });
});
