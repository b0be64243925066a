import { describe, expect, it } from 'vitest';
import { diffStructure, permissionDelta, summarise } from '../../worker/backups/diff';
import { sampleSnapshot } from './backup-fixtures';

describe('structural diff', () => {
  it('decodes permission changes into names', () => {
    expect(permissionDelta('1024', '8')).toBe('+Administrator −ViewChannel');
  });

  it('matches by id: a rename is a change, not a removal and an addition', () => {
    const before = sampleSnapshot();
    const after = structuredClone(before);
    after.channels[0]!.name = 'chat';
    after.roles[0]!.permissions = '1032';
    after.channels[0]!.overwrites = [];
    after.channels.push({ ...structuredClone(before.channels[0]!), id: '1300000000000000999', name: 'new' });
    after.guild.verificationLevel = 3;
    const changes = diffStructure(before, after);
    expect(summarise(changes)).toEqual({ added: 1, removed: 0, changed: 3, total: 4 });
    const channel = changes.find((c) => c.kind === 'channel' && c.change === 'changed')!;
    expect(channel.fields.map((f) => f.field)).toEqual(['name', 'overwrite member 1300000000000001003']);
    expect(changes.find((c) => c.kind === 'role')!.fields).toEqual([
      { field: 'permissions', before: '1024', after: '+Administrator' },
    ]);
    expect(changes.find((c) => c.kind === 'setting')!.fields).toEqual([
      { field: 'verificationLevel', before: '1', after: '3' },
    ]);
  });

  it('reports removed items and nothing for identical structures', () => {
    const before = sampleSnapshot();
    expect(diffStructure(before, structuredClone(before))).toEqual([]);
    const after = structuredClone(before);
    after.channels = [];
    expect(diffStructure(before, after)).toEqual([
      { kind: 'channel', id: before.channels[0]!.id, name: 'general', change: 'removed', fields: [] },
    ]);
  });
});
