import { currentCommandNames } from '../framework/renamed-commands';
import { imageNeedsUpload } from './image-change';
import { depsOf, type PlanContext } from './plan-context';
import type { IdOrRef } from './plan-types';

const AFK_TIMEOUTS = [60, 300, 900, 1800, 3600];

/** Server settings (channel ids remapped) and the bot's own settings (role ids remapped). */
export function planSettings(ctx: PlanContext) {
  const { snapshot, live, options, ids } = ctx;
  if (options.components.has('settings')) {
    const want = snapshot.guild;
    const now = live.structure.guild;
    const channel = (id: string | null): IdOrRef | null =>
      id && ctx.restorableChannels.has(id) ? ids.idOrRef('channel', id) : null;
    const desired: Record<string, unknown> = {
      name: want.name,
      description: want.description,
      verification_level: want.verificationLevel,
      default_message_notifications: want.defaultMessageNotifications,
      explicit_content_filter: want.explicitContentFilter,
      afk_timeout: AFK_TIMEOUTS.includes(want.afkTimeout) ? want.afkTimeout : 300,
      afk_channel_id: channel(want.afkChannelId),
      system_channel_id: channel(want.systemChannelId),
      system_channel_flags: want.systemChannelFlags,
      preferred_locale: want.preferredLocale,
      premium_progress_bar_enabled: want.premiumProgressBarEnabled,
    };
    if (ctx.features.has('COMMUNITY')) {
      desired.rules_channel_id = channel(want.rulesChannelId);
      desired.public_updates_channel_id = channel(want.publicUpdatesChannelId);
      desired.safety_alerts_channel_id = channel(want.safetyAlertsChannelId);
    } else if (want.features.includes('COMMUNITY')) {
      ctx.problems.push({
        severity: 'warning',
        code: 'feature-missing',
        message:
          'The backed-up server was a Community server and this one is not: its rules, updates and safety channels are restored as plain channels. Enable Community, then restore server settings again.',
      });
    }
    const current: Record<string, unknown> = {
      name: now.name,
      description: now.description,
      verification_level: now.verificationLevel,
      default_message_notifications: now.defaultMessageNotifications,
      explicit_content_filter: now.explicitContentFilter,
      afk_timeout: now.afkTimeout,
      afk_channel_id: now.afkChannelId,
      system_channel_id: now.systemChannelId,
      system_channel_flags: now.systemChannelFlags,
      preferred_locale: now.preferredLocale,
      premium_progress_bar_enabled: now.premiumProgressBarEnabled,
      rules_channel_id: now.rulesChannelId,
      public_updates_channel_id: now.publicUpdatesChannelId,
      safety_alerts_channel_id: now.safetyAlertsChannelId,
    };
    // Images: in the same server, re-upload one whose Discord hash changed; in another server, only fill
    // an empty slot (so a second restore uploads nothing).
    for (const image of ['icon', 'banner', 'splash'] as const) {
      const wantImage = want[image];
      const liveHash = ctx.live.imageHashes?.[image];
      if (!wantImage || liveHash === undefined) continue;
      if (imageNeedsUpload(ctx, wantImage, liveHash)) desired[image] = { asset: wantImage };
    }
    const body = Object.fromEntries(
      Object.entries(desired).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(current[k])),
    );
    if (Object.keys(body).length) {
      const refs = Object.values(body).filter(
        (v): v is IdOrRef => !!v && typeof v === 'object' && 'ref' in v,
      );
      ctx.ops.push({ key: 'guild.update', type: 'guild.update', deps: depsOf(...refs), calls: 1, body });
    }
  }
  if (options.components.has('bot')) {
    const s = snapshot.botSettings;
    // Older snapshots name commands that are subcommands now: their rules apply to the new names.
    const rules = new Map<string, { command: string; roleId: string }>();
    for (const r of s.roleRequirements.filter((req) => ctx.restorableRoles.has(req.roleId)))
      for (const command of currentCommandNames(r.command))
        rules.set(`${command}:${r.roleId}`, { command, roleId: r.roleId });
    const roleRequirements = [...rules.values()].map((r) => ({
      command: r.command,
      roleId: ids.idOrRef('role', r.roleId),
    }));
    const now = ctx.live.botSettings;
    const key = (list: { command: string; roleId: IdOrRef }[]) =>
      JSON.stringify(
        list.map((r) => `${r.command}:${typeof r.roleId === 'string' ? r.roleId : r.roleId.ref}`).sort(),
      );
    if (
      now &&
      now.prefix === s.prefix &&
      now.mentionPrefix === s.mentionPrefix &&
      key(now.roleRequirements) === key(roleRequirements)
    ) {
      return;
    }
    ctx.ops.push({
      key: 'bot.settings',
      type: 'bot.settings',
      deps: depsOf(...roleRequirements.map((r) => r.roleId)),
      calls: 0,
      prefix: s.prefix,
      mentionPrefix: s.mentionPrefix,
      roleRequirements,
    });
  }
}
