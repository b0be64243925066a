import type { Snapshot } from '../backups/snapshot-schema';
import type { PlanDiff } from './plan-diff';
import type { IdOrRef, LiveGuild, Operation, PlanOptions, Problem } from './plan-types';

/**
 * Maps snapshot ids to the target guild: @everyone is the target guild's id; then the persisted map of
 * earlier restores (source → target); then, in the same guild, the id itself if it still exists. Names
 * are never identity.
 */
export class IdResolver {
  private readonly live: Set<string>;
  constructor(
    private readonly sourceGuildId: string,
    private readonly targetGuildId: string,
    liveIds: Iterable<string>,
    private readonly persisted: ReadonlyMap<string, string>,
  ) {
    this.live = new Set(liveIds);
  }

  get sameGuild() {
    return this.sourceGuildId === this.targetGuildId;
  }

  private readonly linked = new Map<string, string>();

  /** What an earlier restore recorded for a key (e.g. `image:<sha256>` → the hash Discord gave the upload). */
  recorded(key: string): string | undefined {
    return this.persisted.get(key);
  }

  /** Records a match found another way (a managed role matched by its tags). */
  link(sourceId: string, targetId: string) {
    this.linked.set(sourceId, targetId);
  }

  /** The live id this snapshot id stands for, or null if it has to be created. */
  target(sourceId: string): string | null {
    if (sourceId === this.sourceGuildId) return this.targetGuildId;
    const linked = this.linked.get(sourceId);
    if (linked) return linked;
    const mapped = this.persisted.get(sourceId);
    if (mapped && this.live.has(mapped)) return mapped;
    if (this.sameGuild && this.live.has(sourceId)) return sourceId;
    return null;
  }

  /** The target id, or a reference to the operation that will create it. */
  idOrRef(kind: 'role' | 'channel' | 'emoji', sourceId: string): IdOrRef {
    return this.target(sourceId) ?? { ref: `${kind}:${sourceId}` };
  }
}

export interface PlanContext {
  snapshot: Snapshot;
  live: LiveGuild;
  options: PlanOptions;
  ids: IdResolver;
  ops: Operation[];
  problems: Problem[];
  /** The shared diff from the live guild to the snapshot: what the operations repair. */
  diff: PlanDiff;
  /** Position of the bot's highest role: it can manage only roles below it. */
  botTop: number;
  botAdmin: boolean;
  features: ReadonlySet<string>;
  /** Snapshot role ids that will exist in the target after the plan (created, kept or matched). */
  restorableRoles: Set<string>;
  /** Snapshot channel ids that will exist in the target. */
  restorableChannels: Set<string>;
}

export const refKey = (id: IdOrRef): string | null => (typeof id === 'string' ? null : id.ref);
export const keyOfRef = (ref: string) => `${ref.split(':')[0]}.create:${ref.split(':')[1]}`;

export function depsOf(...ids: IdOrRef[]): string[] {
  return [
    ...new Set(
      ids
        .map(refKey)
        .filter((r): r is string => r !== null)
        .map(keyOfRef),
    ),
  ];
}
