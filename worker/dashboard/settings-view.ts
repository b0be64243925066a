import { getSchedule } from '../backups/schedule-store';
import type { DashboardContext } from './context';

/** A server's settings as the dashboard shows them (`GET /api/guilds/:id/settings`). */
export async function settingsOf(c: DashboardContext, guildId: string) {
  const services = c.get('services');
  const [prefixes, requirements, schedule] = await Promise.all([
    services.settings.prefixes(guildId),
    services.settings.roleRequirements(guildId),
    getSchedule(services.db, guildId),
  ]);
  return {
    prefix: prefixes.prefix,
    customPrefix: prefixes.custom,
    defaultPrefix: services.config.defaultPrefix,
    mentionPrefix: prefixes.mentionEnabled,
    mentionSetting: prefixes.mentionSetting,
    roleRequirements: requirements.map((r) => ({ command: r.command, roleId: r.roleId })),
    commands: services.registry.commands.map((cmd) => cmd.name).sort(),
    schedule: schedule
      ? {
          enabled: schedule.enabled,
          intervalHours: schedule.intervalHours,
          alertChannelId: schedule.alertChannelId,
          nextRunAt: schedule.nextRunAt,
        }
      : null,
  };
}
