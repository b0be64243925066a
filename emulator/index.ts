import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FileStore } from './attachments';
import { CDN_PREFIX, handleCdn, isCdnPath } from './cdn/index';
import { UploadedImages } from './cdn/uploads';
import { Clock } from './clock';
import type { EmulatorContext } from './context';
import { createControlRouter, resetEmulator } from './control';
import { Faults } from './faults';
import { DEFAULT_GATEWAY_CONFIG, type GatewayConfig, gatewayConfigPatch } from './gateway/config';
import { GatewayState } from './gateway/state';
import { handleUpgrade } from './gateway/upgrade';
import { type GenerateResult, type GenerateSpec, generateGuild } from './generate';
import { ApiError, ControlError, json, type Reply, readBody, sendReply } from './http';
import { InteractionStore } from './interactions/records';
import { SigningKeys } from './interactions/sign';
import { handleAuthorize, isAuthorizePath } from './oauth/authorize';
import { DEFAULT_OAUTH_CONFIG, type OAuthConfigPatch, oauthConfigPatch } from './oauth/config';
import { OAuthStore } from './oauth/store';
import { type BucketLimit, type BucketName, RateLimiter } from './rate-limits';
import { RequestLog } from './request-log';
import { createRestRouter, handleRest, isRestPath } from './rest/index';
import { snowflakeAt } from './snowflake';
import { type Fixture, loadDemoFixture, StateStore } from './state';

/** A local Discord: REST with rate limits, signed interactions, the gateway, OAuth2, and the control API. */
export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Where `POST /__emulator/interactions/send` posts by default. */
  workerUrl?: string;
  /** The state to start from and reset to; default `emulator/fixtures/demo.json`. */
  fixture?: Fixture;
  /** 32-byte Ed25519 seed as hex; default: a fresh key pair. */
  privateKeyHex?: string;
  /** Override some bucket limits or the global limit (defaults in docs/emulator.md). */
  rateLimits?: { buckets?: Partial<Record<BucketName, BucketLimit>>; globalPerSecond?: number };
  /** How long after an interaction its initial callback is accepted (default 3000 ms, as Discord). */
  callbackDeadlineMs?: number;
  /** Gateway settings to start with and to return to on reset (defaults in docs/emulator.md, "Gateway"). */
  gateway?: Partial<GatewayConfig>;
  /**
   * OAuth2 client settings to start with and return to on reset: `clientSecret` (default `emulator-client-secret`),
   * `redirectUris` (exact matches; default: loopback `/api/auth/callback` URLs on any port), `tokenLifetimeSeconds`.
   */
  oauth?: OAuthConfigPatch;
}

export interface Emulator {
  url: string;
  apiBase: string;
  /** `url + '/cdn'`: Discord's CDN paths (emojis, stickers, icons, banners, splashes, role icons). */
  cdnBase: string;
  publicKey: string;
  botToken: string;
  applicationId: string;
  /** `url`: the web root, where `/oauth2/authorize` lives (stands in for `https://discord.com`). */
  webBase: string;
  /** The OAuth2 client secret now (the client id is `applicationId`). */
  readonly clientSecret: string;
  /** Direct access for tests in the same process. The HTTP control API is the main interface. */
  context: EmulatorContext;
  /** The live state (replaced on reset, so read it through this getter). */
  readonly state: EmulatorContext['store']['state'];
  reset(): void;
  /** Same as `POST /__emulator/guilds/generate` (see docs/emulator.md); the guild is gone after a reset. */
  generateGuild(spec: GenerateSpec): GenerateResult;
  close(): Promise<void>;
}

const CONTROL_PREFIX = '/__emulator';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = new Clock();
  const defaults = new RateLimiter().config;
  const ctx: EmulatorContext = {
    store: new StateStore(options.fixture ?? loadDemoFixture()),
    clock,
    log: new RequestLog(),
    rateLimits: new RateLimiter({
      buckets: { ...defaults.buckets, ...options.rateLimits?.buckets },
      globalPerSecond: options.rateLimits?.globalPerSecond ?? defaults.globalPerSecond,
    }),
    faults: new Faults(),
    files: new FileStore(),
    images: new UploadedImages(),
    interactions: new InteractionStore(),
    gateway: new GatewayState({
      ...DEFAULT_GATEWAY_CONFIG,
      ...gatewayConfigPatch.parse(options.gateway ?? {}),
    }),
    keys: new SigningKeys(options.privateKeyHex),
    oauth: new OAuthStore({ ...DEFAULT_OAUTH_CONFIG, ...oauthConfigPatch.parse(options.oauth ?? {}) }),
    url: '',
    workerUrl: options.workerUrl,
    tokenLifetimeMs: 15 * 60 * 1000,
    callbackDeadlineMs: options.callbackDeadlineMs ?? 3000,
    newId: () => snowflakeAt(clock.now()),
  };
  const restRouter = createRestRouter();
  const controlRouter = createControlRouter();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const rawBody = await readBody(req);
    let reply: Reply;
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      reply = await handleControl(ctx, controlRouter, req.method ?? 'GET', url, rawBody.toString('utf8'));
    } else if (isRestPath(url.pathname)) {
      reply = await handleRest(ctx, restRouter, req, url, rawBody);
    } else if (isCdnPath(url.pathname)) {
      reply = handleCdn(ctx, req, url);
    } else if (isAuthorizePath(url.pathname)) {
      reply = handleAuthorize(ctx, req, url);
    } else {
      reply = json(404, { message: '404: Not Found', code: 0 });
    }
    sendReply(res, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendReply(res, json(500, { error: String(error) }));
      else res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => handleUpgrade(ctx, req, socket, head));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ctx.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: ctx.url,
    apiBase: `${ctx.url}/api/v10`,
    cdnBase: `${ctx.url}${CDN_PREFIX}`,
    publicKey: ctx.keys.publicKeyHex,
    botToken: ctx.store.state.botToken,
    applicationId: ctx.store.applicationId,
    webBase: ctx.url,
    get clientSecret() {
      return ctx.oauth.config.clientSecret;
    },
    context: ctx,
    get state() {
      return ctx.store.state;
    },
    reset: () => resetEmulator(ctx),
    generateGuild: (spec) => generateGuild(ctx.store, spec),
    close: async () => {
      ctx.interactions.close();
      await ctx.gateway.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

async function handleControl(
  ctx: EmulatorContext,
  router: ReturnType<typeof createControlRouter>,
  method: string,
  url: URL,
  rawBody: string,
): Promise<Reply> {
  const path = url.pathname.slice(CONTROL_PREFIX.length) || '/';
  const match = router.match(method.toUpperCase(), path);
  if (match === null) return json(404, { error: `no control route ${method} ${url.pathname}` });
  if (match === 'method') return json(405, { error: `method ${method} not allowed on ${url.pathname}` });
  try {
    let body: unknown;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new ControlError(400, 'body is not valid JSON');
      }
    }
    return await match.route({ ctx, params: match.params, query: url.searchParams, body });
  } catch (error) {
    if (error instanceof ControlError || error instanceof ApiError) return error.toReply();
    throw error;
  }
}
