import type { APIEmbed } from 'discord-api-types/v10';

/** Discord's embed limits (developers/resources/message.mdx). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
};

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, Math.max(0, n - 1))}…`);

function size(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * Makes a message's embeds fit Discord's limits, whatever a handler built: each part is cut to its own
 * limit, and when all embeds together pass 6,000 characters the longest field values are shortened
 * (then trailing fields dropped) until they fit. Better a shortened reply than a rejected one.
 */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const out = embeds.slice(0, 10).map((e) => ({
    ...e,
    ...(e.title ? { title: cut(e.title, EMBED_LIMITS.title) } : {}),
    ...(e.description ? { description: cut(e.description, EMBED_LIMITS.description) } : {}),
    ...(e.footer ? { footer: { ...e.footer, text: cut(e.footer.text, EMBED_LIMITS.footer) } } : {}),
    ...(e.fields
      ? {
          fields: e.fields.slice(0, EMBED_LIMITS.fields).map((f) => ({
            ...f,
            name: cut(f.name, EMBED_LIMITS.fieldName),
            value: cut(f.value, EMBED_LIMITS.fieldValue) || '​',
          })),
        }
      : {}),
  }));
  let total = out.reduce((n, e) => n + size(e), 0);
  while (total > EMBED_LIMITS.total) {
    const fields = out.flatMap((e) => e.fields ?? []);
    const longest = fields.reduce<(typeof fields)[number] | undefined>(
      (a, f) => (!a || f.value.length > a.value.length ? f : a),
      undefined,
    );
    if (longest && longest.value.length > 120) {
      const before = longest.value.length;
      longest.value = cut(longest.value, Math.max(100, Math.floor(before / 2)));
      total -= before - longest.value.length;
      continue;
    }
    const withFields = [...out].reverse().find((e) => (e.fields?.length ?? 0) > 0);
    if (!withFields?.fields) break;
    const dropped = withFields.fields.pop();
    total -= (dropped?.name.length ?? 0) + (dropped?.value.length ?? 0);
  }
  return out;
}
