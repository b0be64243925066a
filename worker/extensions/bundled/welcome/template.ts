/** What a greeting template can name. */
export interface TemplateValues {
  userId: string;
  userName: string;
  server: string;
  memberCount: number | null;
}

/** The placeholders a template may use, for help texts and validation. */
export const PLACEHOLDERS = ['{user}', '{user.name}', '{user.id}', '{server}', '{membercount}'] as const;

/**
 * Fills a greeting template. Unknown `{...}` words are left as they are, so a typo shows up in the preview
 * instead of vanishing. Mass mentions cannot be produced: the message is sent with allowed_mentions
 * limited to the member.
 */
export function renderTemplate(template: string, v: TemplateValues): string {
  const values: Record<string, string> = {
    '{user}': `<@${v.userId}>`,
    '{user.name}': v.userName,
    '{user.id}': v.userId,
    '{server}': v.server,
    '{membercount}': v.memberCount === null ? '?' : String(v.memberCount),
  };
  return template.replace(/\{[a-z.]+\}/g, (word) => values[word] ?? word);
}

/** Placeholders in a template that are not known (shown as a warning when it is saved). */
export function unknownPlaceholders(template: string): string[] {
  return [...new Set(template.match(/\{[a-z.]+\}/g) ?? [])].filter(
    (w) => !(PLACEHOLDERS as readonly string[]).includes(w),
  );
}
