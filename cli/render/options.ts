/** Options shared by every renderer. */
import { emptyLookup, type MarkdownOptions, type MentionLookup } from './markdown';
import { makePainter } from './style';

export interface RenderOptions extends MarkdownOptions {
  /** Terminal columns available. */
  width: number;
  /** Name shown for the bot on interaction responses that carry no author. */
  botName: string;
}

export interface RenderSettings {
  colour?: boolean;
  width?: number;
  now?: Date;
  timeZone?: string;
  lookup?: MentionLookup;
  botName?: string;
}

export function renderOptions(settings: RenderSettings = {}): RenderOptions {
  const options: RenderOptions = {
    paint: makePainter(settings.colour ?? false),
    lookup: settings.lookup ?? emptyLookup,
    now: settings.now ?? new Date(),
    width: Math.max(30, settings.width ?? 80),
    botName: settings.botName ?? 'Edgeward',
  };
  if (settings.timeZone) options.timeZone = settings.timeZone;
  return options;
}
