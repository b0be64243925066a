/**
 * Commands that became subcommands of a group, by their old name. Anything stored under an old name (role
 * rules in D1, the bot settings inside older backups) is read as the new names: `extensions` was one command
 * and is now five, so its rules apply to each. migrations/0007_grouped_commands.sql renames the stored rules.
 */
export const RENAMED_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  extensions: [
    'extensions browse',
    'extensions search',
    'extensions info',
    'extensions enable',
    'extensions disable',
  ],
  schedule_create: ['schedule create'],
  schedule_list: ['schedule list'],
  schedule_info: ['schedule info'],
  schedule_toggle: ['schedule toggle'],
  schedule_delete: ['schedule delete'],
  welcome_set: ['welcome join'],
  goodbye_set: ['welcome leave'],
  welcome_off: ['welcome off'],
  welcome_preview: ['welcome preview'],
  rr_add: ['reactionroles add'],
  rr_remove: ['reactionroles remove'],
  rr_list: ['reactionroles list'],
  filter_add: ['filter add'],
  filter_remove: ['filter remove'],
  filter_action: ['filter action'],
  filter_exempt: ['filter exempt'],
  filter_list: ['filter list'],
  filter_test: ['filter test'],
  ticket_panel: ['ticket panel'],
  ticket_settings: ['ticket settings'],
  ticket_close: ['ticket close'],
  ticket_transcript: ['ticket transcript'],
};

/** The names a stored command name stands for today: itself, unless it was renamed. */
export function currentCommandNames(name: string): readonly string[] {
  return Object.hasOwn(RENAMED_COMMANDS, name) ? (RENAMED_COMMANDS[name] as readonly string[]) : [name];
}
