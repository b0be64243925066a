import { parseArgs } from 'node:util';
import { startEmulator } from './index';

/**
 * CLI: `tsx emulator/main.ts [--port 8790] [--host 127.0.0.1] [--worker http://127.0.0.1:8787] [--key <hex seed>]
 * [--gateway '{"heartbeatIntervalMs":1000}']` (gateway settings kept across resets).
 * Prints one JSON line `{url, apiBase, cdnBase, publicKey, botToken, applicationId, webBase, clientSecret}` and
 * serves until killed.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    worker: { type: 'string' },
    key: { type: 'string' },
    gateway: { type: 'string' },
  },
});

const emulator = await startEmulator({
  port: Number(values.port),
  host: values.host,
  ...(values.worker ? { workerUrl: values.worker } : {}),
  ...(values.key ? { privateKeyHex: values.key } : {}),
  ...(values.gateway ? { gateway: JSON.parse(values.gateway) } : {}),
});

const { url, apiBase, cdnBase, publicKey, botToken, applicationId, webBase, clientSecret } = emulator;
const line = { url, apiBase, cdnBase, publicKey, botToken, applicationId, webBase, clientSecret };
process.stdout.write(`${JSON.stringify(line)}\n`);

const stop = () => {
  setTimeout(() => process.exit(0), 1000).unref();
  emulator.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
