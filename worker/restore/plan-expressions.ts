import { emojiSlots, stickerSlots } from './limits';
import type { PlanContext } from './plan-context';

/** Emojis and stickers: created from their stored images within the server's slots, repaired, deleted. */
export function planExpressions(ctx: PlanContext) {
  const { snapshot, live, options, ids } = ctx;
  const tier = live.structure.guild.premiumTier;
  const features = [...ctx.features];
  if (options.components.has('emojis')) {
    const liveEmojis = new Map(live.structure.emojis.map((e) => [e.id, e]));
    const free = { static: emojiSlots(tier, features), animated: emojiSlots(tier, features) };
    for (const e of live.structure.emojis) free[e.animated ? 'animated' : 'static']--;
    for (const e of snapshot.emojis) {
      if (e.managed) continue;
      const roles = e.roles.filter((r) => ctx.restorableRoles.has(r)).map((r) => ids.idOrRef('role', r));
      const current = liveEmojis.get(ids.target(e.id) ?? '');
      if (current) {
        if (
          options.mode !== 'add' &&
          (current.name !== e.name || JSON.stringify(current.roles) !== JSON.stringify(roles))
        ) {
          ctx.ops.push({
            key: `emoji.update:${current.id}`,
            type: 'emoji.update',
            deps: [],
            calls: 1,
            targetId: current.id,
            name: e.name,
            roles,
          });
        }
        continue;
      }
      const kind = e.animated ? 'animated' : 'static';
      if (!e.image) {
        ctx.problems.push({
          severity: 'warning',
          code: 'emoji-no-image',
          message: `:${e.name}: has no stored image; skipped.`,
        });
      } else if (free[kind] <= 0) {
        ctx.problems.push({
          severity: 'warning',
          code: 'emoji-slots',
          message: `:${e.name}: skipped: no ${kind} emoji slots left at this boost level.`,
        });
      } else {
        free[kind]--;
        ctx.ops.push({
          key: `emoji.create:${e.id}`,
          type: 'emoji.create',
          deps: [],
          calls: 1,
          sourceId: e.id,
          name: e.name,
          roles,
          image: e.image,
        });
      }
    }
    if (options.mode === 'mirror') {
      const kept = new Set(snapshot.emojis.map((e) => ids.target(e.id)).filter(Boolean));
      for (const e of live.structure.emojis) {
        if (!kept.has(e.id) && !e.managed)
          ctx.ops.push({
            key: `emoji.delete:${e.id}`,
            type: 'emoji.delete',
            deps: [],
            calls: 1,
            targetId: e.id,
            name: e.name,
          });
      }
    }
  }
  if (options.components.has('stickers')) {
    const liveIds = new Set(live.structure.stickers.map((s) => s.id));
    let free = stickerSlots(tier, features) - live.structure.stickers.length;
    const lottieAllowed = ctx.features.has('VERIFIED') || ctx.features.has('PARTNERED');
    for (const s of snapshot.stickers) {
      const target = ids.target(s.id);
      if (target && liveIds.has(target)) continue;
      if (!s.image) continue;
      if (s.formatType === 3 && !lottieAllowed) {
        ctx.problems.push({
          severity: 'warning',
          code: 'sticker-lottie',
          message: `Sticker ${s.name} is animated (Lottie); only verified or partnered servers may upload those. Skipped.`,
        });
        continue;
      }
      if (free <= 0) {
        ctx.problems.push({
          severity: 'warning',
          code: 'sticker-slots',
          message: `Sticker ${s.name}: no sticker slots left at this boost level. Skipped.`,
        });
        continue;
      }
      free--;
      const description = s.description && s.description.length >= 2 ? s.description : '';
      ctx.ops.push({
        key: `sticker.create:${s.id}`,
        type: 'sticker.create',
        deps: [],
        calls: 1,
        sourceId: s.id,
        name: s.name,
        description,
        tags: s.tags || s.name,
        image: s.image,
      });
    }
  }
}
