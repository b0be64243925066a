import type { TestProject } from 'vitest/node';
import { spawnEmulator } from '../../cli/spawn-emulator';

/** Starts the Discord emulator in its own Node process, and hands its address to the worker's bindings. */
export default async function setup(project: TestProject) {
  const emulator = await spawnEmulator(['--port', '0']);
  project.provide('emulatorUrl', emulator.url);
  project.provide('emulatorApiBase', emulator.apiBase);
  project.provide('emulatorCdnBase', emulator.cdnBase ?? `${emulator.url}/cdn`);
  project.provide('emulatorPublicKey', emulator.publicKey);
  project.provide('emulatorBotToken', emulator.botToken);
  project.provide('emulatorApplicationId', emulator.applicationId);
  return () => emulator.stop();
}
