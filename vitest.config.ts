import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

declare module 'vitest' {
  interface ProvidedContext {
    emulatorUrl: string;
    emulatorApiBase: string;
    emulatorCdnBase: string;
    emulatorPublicKey: string;
    emulatorBotToken: string;
    emulatorApplicationId: string;
  }
}

/** The bot owner in the emulator's demo fixture (user "olive"). */
const BOT_OWNER_ID = '1300000000000001000';

/**
 * A project whose tests run inside workerd against the real worker (wrangler.toml), with the emulator as a
 * child process; `bindings` override variables for that project.
 */
function workerProject(name: string, include: string[], bindings: Record<string, string> = {}) {
  return {
    plugins: [
      cloudflareTest(async ({ inject }) => ({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            DISCORD_API_BASE: inject('emulatorApiBase'),
            DISCORD_CDN_BASE: inject('emulatorCdnBase'),
            DISCORD_PUBLIC_KEY: inject('emulatorPublicKey'),
            DISCORD_TOKEN: inject('emulatorBotToken'),
            DISCORD_APPLICATION_ID: inject('emulatorApplicationId'),
            BOT_OWNER_ID,
            // The dashboard logs in through the emulator's OAuth2.
            DISCORD_CLIENT_SECRET: 'emulator-client-secret',
            DISCORD_WEB_BASE: inject('emulatorUrl'),
            // Gateway tests start their shards themselves; other tests run without sockets.
            GATEWAY_ENABLED: 'false',
            EMULATOR_URL: inject('emulatorUrl'),
            TEST_MIGRATIONS: await readD1Migrations('./migrations'),
            ...bindings,
          },
        },
      })),
    ],
    test: {
      name,
      // discord-api-types is CommonJS: pre-bundle it so its enums load inside workerd.
      deps: { optimizer: { ssr: { enabled: true, include: ['discord-api-types/v10'] } } },
      include,
      globalSetup: ['./test/worker/global-setup.ts'],
      setupFiles: ['./test/worker/apply-migrations.ts'],
      // One emulator serves every file: files run one after another so their state does not mix.
      fileParallelism: false,
      testTimeout: 20_000,
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      workerProject('worker', ['test/worker/**/*.test.ts']),
      // The same worker deployed without the Message Content intent: prefix commands see empty content.
      workerProject('worker-no-content', ['test/worker-no-content/**/*.test.ts'], {
        GATEWAY_ENABLED: 'true',
        GATEWAY_MESSAGE_CONTENT: 'false',
      }),
      {
        test: {
          // The whole product in real Chromium (Debian's, driven by playwright-core): see test/e2e/stack.ts.
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
