import type { ExtensionDefinition } from '../../extensions/extension';

/**
 * Extensions whose name, description or details contain every word of `query` (case-insensitive);
 * matches in the name first, then in the description, then in the details only.
 */
export function searchExtensions(
  extensions: readonly ExtensionDefinition[],
  query: string,
): ExtensionDefinition[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const scored: { extension: ExtensionDefinition; score: number; index: number }[] = [];
  extensions.forEach((extension, index) => {
    const m = extension.manifest;
    const name = m.name.toLowerCase();
    const description = m.description.toLowerCase();
    const text = `${name}\n${description}\n${m.details.toLowerCase()}`;
    if (!words.every((w) => text.includes(w))) return;
    const score = words.some((w) => name.includes(w))
      ? 0
      : words.some((w) => description.includes(w))
        ? 1
        : 2;
    scored.push({ extension, score, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.extension);
}
