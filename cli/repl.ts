/**
 * The prompt loop on node:readline. Lines run one at a time; output that arrives in the background
 * (follow-ups) is printed above the prompt without losing what the person is typing.
 */
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import { CLIENT_WORDS, type ClientDeps, runLine } from './client-commands';
import type { Io } from './interactions';
import { visibleCommands } from './lookup';
import type { Session } from './session';

export interface ReplStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Completes client commands, registered command names after a slash, and user names after an @. */
export function completer(session: Session) {
  return (line: string): [string[], string] => {
    if (line.startsWith('/') && !line.includes(' ')) {
      const names = visibleCommands(session.dir, session.guildId).map((c) => `/${c.name}`);
      return [names.filter((n) => n.startsWith(line)), line];
    }
    const typed = /(?:^|\s)(@[^\s@]*)$/.exec(line)?.[1];
    if (typed !== undefined) {
      const names = session.dir.users.map((u) => `@${u.username}`);
      return [names.filter((n) => n.toLowerCase().startsWith(typed.toLowerCase())), typed];
    }
    if (line.includes(' ')) return [[], line];
    return [CLIENT_WORDS.filter((w) => w.startsWith(line)), line];
  };
}

/** Lines typed, handed out one at a time to the loop and to questions (modal fields). */
class LineQueue {
  private readonly lines: string[] = [];
  private waiter: ((line: string | undefined) => void) | undefined;
  private closed = false;

  push(line: string): void {
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = undefined;
      wake(line);
    } else {
      this.lines.push(line);
    }
  }

  get ended(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.waiter?.(undefined);
    this.waiter = undefined;
  }

  /** The next line, or undefined once input has ended. */
  next(): Promise<string | undefined> {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }
}

/** An Io that prints above the prompt while idle and asks through the same line queue. */
function replIo(
  rl: Interface,
  output: ReplStreams['output'],
  lines: LineQueue,
  state: { busy: boolean },
): Io {
  return {
    print(text: string) {
      if (state.busy || !output.isTTY) {
        output.write(`${text}\n`);
        return;
      }
      clearLine(output, 0);
      cursorTo(output, 0);
      output.write(`${text}\n`);
      rl.prompt(true);
    },
    async ask(question: string) {
      if (lines.ended) return ':cancel';
      rl.setPrompt(question);
      rl.prompt();
      return (await lines.next()) ?? ':cancel';
    },
  };
}

/** Runs the loop until `quit` or end of input. `build` receives the Io and returns the dependencies. */
export async function runRepl(
  streams: ReplStreams,
  session: Session,
  build: (io: Io) => ClientDeps,
): Promise<void> {
  const rl = createInterface({
    input: streams.input,
    output: streams.output,
    completer: completer(session),
    terminal: streams.output.isTTY === true,
    historySize: 200,
  });
  const lines = new LineQueue();
  const state = { busy: false };
  const deps = build(replIo(rl, streams.output, lines, state));
  rl.on('line', (line) => lines.push(line));
  rl.on('close', () => lines.close());
  rl.on('SIGINT', () => {
    if (rl.line) {
      rl.write(null, { ctrl: true, name: 'u' });
    } else {
      rl.close();
    }
  });
  // Piped input: echo each line after its prompt so the transcript reads like a session.
  const echo = streams.input.isTTY !== true;
  while (true) {
    const prompt = session.prompt();
    if (!lines.ended) {
      rl.setPrompt(prompt);
      rl.prompt();
    } else {
      streams.output.write(prompt);
    }
    const line = await lines.next();
    if (line === undefined) break;
    if (echo) streams.output.write(`${line}\n`);
    state.busy = true;
    let outcome: 'quit' | undefined;
    try {
      outcome = await runLine(line, deps);
    } catch (error) {
      deps.io.print(`✗ ${(error as Error).message}`);
    }
    state.busy = false;
    if (outcome === 'quit') break;
  }
  deps.runner.close();
  rl.close();
  if (streams.output.isTTY) streams.output.write('\n');
}
