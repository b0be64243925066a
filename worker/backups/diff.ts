import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Snapshot } from './snapshot-schema';

/** The parts of a snapshot that a structural diff compares (live captures may omit members and bans). */
export type Structure = Pick<Snapshot, 'guild' | 'roles' | 'channels' | 'emojis' | 'stickers'>;

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface ItemChange {
  kind: 'role' | 'channel' | 'emoji' | 'sticker' | 'setting';
  id: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}

const permissionNames = Object.entries(PermissionFlagsBits) as [string, bigint][];

/** "+Administrator −SendMessages" for two permission bitfields. */
export function permissionDelta(before: string, after: string): string {
  const a = BigInt(before);
  const b = BigInt(after);
  const out: string[] = [];
  for (const [name, bit] of permissionNames) {
    if (b & bit && !(a & bit)) out.push(`+${name}`);
    if (a & bit && !(b & bit)) out.push(`−${name}`);
  }
  return out.join(' ') || 'none';
}

const show = (v: unknown) =>
  v === null || v === undefined ? '∅' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function compareFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (field === 'permissions')
      out.push({ field, before: show(a), after: permissionDelta(String(a), String(b)) });
    else out.push({ field, before: show(a), after: show(b) });
  }
  return out;
}

function overwritesChange(
  before: Snapshot['channels'][number],
  after: Snapshot['channels'][number],
): FieldChange[] {
  const key = (o: { id: string; type: number }) => `${o.type}:${o.id}`;
  const a = new Map(before.overwrites.map((o) => [key(o), o]));
  const b = new Map(after.overwrites.map((o) => [key(o), o]));
  const out: FieldChange[] = [];
  for (const [k, o] of b) {
    const was = a.get(k);
    const who = `${o.type === 0 ? 'role' : 'member'} ${o.id}`;
    if (!was)
      out.push({
        field: `overwrite ${who}`,
        before: '∅',
        after: `allow ${permissionDelta('0', o.allow)} / deny ${permissionDelta('0', o.deny)}`,
      });
    else if (was.allow !== o.allow || was.deny !== o.deny)
      out.push({
        field: `overwrite ${who}`,
        before: `allow ${permissionDelta('0', was.allow)} / deny ${permissionDelta('0', was.deny)}`,
        after: `allow ${permissionDelta(was.allow, o.allow)} / deny ${permissionDelta(was.deny, o.deny)}`,
      });
  }
  for (const [k, o] of a)
    if (!b.has(k))
      out.push({ field: `overwrite ${o.type === 0 ? 'role' : 'member'} ${o.id}`, before: 'set', after: '∅' });
  return out;
}

function byId<T extends { id: string; name: string }>(
  kind: ItemChange['kind'],
  before: T[],
  after: T[],
  fields: (keyof T & string)[],
  extra?: (a: T, b: T) => FieldChange[],
): ItemChange[] {
  const a = new Map(before.map((x) => [x.id, x]));
  const out: ItemChange[] = [];
  for (const item of after) {
    const was = a.get(item.id);
    if (!was) {
      out.push({ kind, id: item.id, name: item.name, change: 'added', fields: [] });
      continue;
    }
    const changes = [
      ...compareFields(was as Record<string, unknown>, item as Record<string, unknown>, fields),
      ...(extra?.(was, item) ?? []),
    ];
    if (changes.length) out.push({ kind, id: item.id, name: item.name, change: 'changed', fields: changes });
    a.delete(item.id);
  }
  for (const item of a.values())
    out.push({ kind, id: item.id, name: item.name, change: 'removed', fields: [] });
  return out;
}

const SETTINGS = [
  'name',
  'description',
  'verificationLevel',
  'defaultMessageNotifications',
  'explicitContentFilter',
  'afkChannelId',
  'afkTimeout',
  'systemChannelId',
  'systemChannelFlags',
  'rulesChannelId',
  'publicUpdatesChannelId',
  'safetyAlertsChannelId',
  'preferredLocale',
  'premiumProgressBarEnabled',
] as const;

/**
 * What changed from `before` to `after`, matched by id (never by name), field by field: renames,
 * permission changes (decoded), overwrites, positions and parents, images (by content hash).
 */
export function diffStructure(before: Structure, after: Structure, options = { images: true }): ItemChange[] {
  const settings = compareFields(
    before.guild as Record<string, unknown>,
    after.guild as Record<string, unknown>,
    [...SETTINGS],
  );
  for (const image of options.images ? (['icon', 'banner', 'splash'] as const) : []) {
    if ((before.guild[image]?.sha256 ?? null) !== (after.guild[image]?.sha256 ?? null))
      settings.push({
        field: image,
        before: before.guild[image] ? 'image' : '∅',
        after: after.guild[image] ? 'changed image' : '∅',
      });
  }
  return [
    ...(settings.length
      ? [
          {
            kind: 'setting' as const,
            id: after.guild.id,
            name: 'Server settings',
            change: 'changed' as const,
            fields: settings,
          },
        ]
      : []),
    ...byId('role', before.roles, after.roles, [
      'name',
      'colors',
      'hoist',
      'mentionable',
      'permissions',
      'position',
      'unicodeEmoji',
    ]),
    ...byId(
      'channel',
      before.channels,
      after.channels,
      [
        'name',
        'type',
        'position',
        'parentId',
        'topic',
        'nsfw',
        'rateLimitPerUser',
        'bitrate',
        'userLimit',
        'rtcRegion',
        'videoQualityMode',
        'defaultAutoArchiveDuration',
        'defaultThreadRateLimitPerUser',
        'availableTags',
        'defaultSortOrder',
        'defaultForumLayout',
      ],
      overwritesChange,
    ),
    ...byId('emoji', before.emojis, after.emojis, ['name', 'roles']),
    ...byId('sticker', before.stickers, after.stickers, ['name', 'description', 'tags']),
  ];
}

export function summarise(changes: ItemChange[]) {
  const count = (change: ItemChange['change']) => changes.filter((c) => c.change === change).length;
  return {
    added: count('added'),
    removed: count('removed'),
    changed: count('changed'),
    total: changes.length,
  };
}
