/** A terminal client wired to the fake emulator, with printed output captured: shared by the flow tests. */
import type { ClientDeps } from '../../../cli/client-commands';
import { refreshDirectory, runLine } from '../../../cli/client-commands';
import { emptyDirectory } from '../../../cli/directory';
import { EmulatorClient } from '../../../cli/emulator-client';
import { InteractionRunner } from '../../../cli/interactions';
import { renderOptions } from '../../../cli/render/options';
import { Session } from '../../../cli/session';
import { FakeEmulator } from './fake-emulator';
import { plain } from './fixtures';

export interface Harness {
  emu: FakeEmulator;
  deps: ClientDeps;
  /** Answers handed to modal questions, in order. */
  answers: string[];
  /** Runs one line and returns what it printed, without colours. */
  run(line: string): Promise<string>;
}

export async function startClient(): Promise<Harness> {
  const emu = new FakeEmulator();
  let out: string[] = [];
  const answers: string[] = [];
  const client = new EmulatorClient('http://emu.test', emu.fetch as typeof fetch);
  const session = new Session(emptyDirectory());
  await refreshDirectory({ client, session });
  session.chooseDefaults();
  const io = { print: (text: string) => out.push(text), ask: async () => answers.shift() ?? ':cancel' };
  const render = () =>
    renderOptions({ colour: false, now: new Date('2025-01-15T12:00:00Z'), timeZone: 'UTC' });
  const runner = new InteractionRunner(client, session, io, render, { deferredMs: 50, followupMs: 10 });
  const deps: ClientDeps = {
    client,
    session,
    io,
    render,
    runner,
    replyWait: { timeoutMs: 60, pollMs: 5 },
  };
  return {
    emu,
    deps,
    answers,
    async run(line: string) {
      out = [];
      await runLine(line, deps);
      return plain(out.join('\n'));
    },
  };
}
