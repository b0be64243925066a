import { catalogue } from '../extensions/catalogue';
import type { ExtensionDefinition } from '../extensions/extension';
import type { AnyCommand, AnyComponent } from '../framework/command';

/** Categories /help shows first, in this order; any other category follows, and Owner comes last. */
const CATEGORY_ORDER = ['Core', 'Settings', 'Backups', 'Shards'];
const LAST = 'Owner';

function categoryRank(category: string): number {
  if (category === LAST) return CATEGORY_ORDER.length + 1;
  const at = CATEGORY_ORDER.indexOf(category);
  return at < 0 ? CATEGORY_ORDER.length : at;
}

/** The bundled extensions (see worker/extensions/catalogue.ts). */
export const extensions: readonly ExtensionDefinition[] = catalogue;

/**
 * Every command the bot ships, from the catalogue, in the order /help lists them: by category (above),
 * then in catalogue order.
 */
export const commands: AnyCommand[] = catalogue
  .flatMap((extension) => extension.commands)
  .map((command, index) => ({ command, index }))
  .sort((a, b) => categoryRank(a.command.category) - categoryRank(b.command.category) || a.index - b.index)
  .map(({ command }) => command);

export const components: AnyComponent[] = catalogue.flatMap((extension) => extension.components);
