import type { AssetRef } from '../backups/snapshot-schema';
import type { PlanContext } from './plan-context';

/** An image in an operation's body: the backed-up bytes in R2, turned into a data URI when applied. */
export type ImageUpload = { asset: AssetRef };

/**
 * Whether a backed-up image has to be uploaded again. The live image is known only by Discord's hash:
 * in the same server the snapshot's own hash tells; after an earlier upload the hash Discord gave it is
 * recorded (`image:<sha256>`). With neither (another server, first restore), only an empty slot is filled,
 * so a second restore uploads nothing.
 */
export function imageNeedsUpload(ctx: PlanContext, want: AssetRef, liveHash: string | null): boolean {
  const known = [
    ctx.ids.sameGuild ? want.discordHash : undefined,
    ctx.ids.recorded(`image:${want.sha256}`),
  ].filter((h): h is string => !!h);
  return known.length ? !known.includes(liveHash ?? '') : liveHash === null;
}
