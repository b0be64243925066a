import type { AnyCommand } from '../command';
import type { Registry } from '../registry';
import type { PrefixMatch } from './match-prefix';

export type PrefixTarget =
  | { kind: 'command'; command: AnyCommand; rest: string }
  /** A group named without one of its subcommands (`!schedule`, `!schedule nope`): show what it has. */
  | { kind: 'group'; name: string; commands: readonly AnyCommand[]; typed: string | null }
  | { kind: 'unknown' };

/**
 * The command a prefix message names: a command or alias (`!about`), or a group's subcommand as two
 * words (`!schedule create …`), with the arguments that follow it.
 */
export function resolvePrefixCommand(registry: Registry, match: PrefixMatch): PrefixTarget {
  const command = registry.find(match.name);
  if (command) return { kind: 'command', command, rest: match.rest };
  const members = registry.group(match.name);
  if (!members) return { kind: 'unknown' };
  const word = /^\S+/.exec(match.rest)?.[0] ?? null;
  const sub = word ? registry.find(`${match.name} ${word}`) : undefined;
  if (sub?.group && members.includes(sub))
    return { kind: 'command', command: sub, rest: match.rest.slice((word as string).length).trimStart() };
  return { kind: 'group', name: match.name.toLowerCase(), commands: members, typed: word };
}
