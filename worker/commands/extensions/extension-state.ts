import type { ExtensionDefinition } from '../../extensions/extension';

/** How an extension stands in one guild: required, enabled or disabled (null outside a guild). */
export type GuildState = 'required' | 'enabled' | 'disabled';

export function guildStateOf(
  extension: ExtensionDefinition,
  states: ReadonlyMap<string, boolean> | null,
): GuildState | null {
  if (extension.manifest.required) return 'required';
  if (!states) return null;
  return states.get(extension.manifest.name) ? 'enabled' : 'disabled';
}

export const STATE_LABEL: Record<GuildState, string> = {
  required: '🔒 Required',
  enabled: '🟢 Enabled',
  disabled: '⚪ Disabled',
};

/** `a`, `b` and `c` as inline code, or `none`. */
export function codeList(names: readonly string[], none = 'None', max = 1024): string {
  const text = names.map((n) => `\`${n}\``).join(', ');
  return text ? (text.length > max ? `${text.slice(0, max - 1)}…` : text) : none;
}
