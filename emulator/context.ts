import type { FileStore } from './attachments';
import type { UploadedImages } from './cdn/uploads';
import type { Clock } from './clock';
import type { Faults } from './faults';
import type { GatewayState } from './gateway/state';
import type { InteractionStore } from './interactions/records';
import type { SigningKeys } from './interactions/sign';
import type { OAuthStore } from './oauth/store';
import type { RateLimiter } from './rate-limits';
import type { RequestLog } from './request-log';
import type { StateStore } from './state';

/** Everything a handler may touch. One per running emulator. */
export interface EmulatorContext {
  store: StateStore;
  clock: Clock;
  log: RequestLog;
  rateLimits: RateLimiter;
  faults: Faults;
  /** Bytes of uploaded attachments (served by the CDN). */
  files: FileStore;
  /** Images the bot uploaded (emojis, stickers, icons): the CDN serves these bytes. */
  images: UploadedImages;
  interactions: InteractionStore;
  /** Gateway sessions, connections, config and logs (see `emulator/gateway/`). */
  gateway: GatewayState;
  keys: SigningKeys;
  /** OAuth2: client settings, codes, tokens, the current user and deny mode (see `emulator/oauth/`). */
  oauth: OAuthStore;
  /** Base URL of the emulator, e.g. `http://127.0.0.1:8790` (set once listening). */
  url: string;
  workerUrl: string | undefined;
  /** Interaction tokens live this long (Discord: 15 minutes). */
  tokenLifetimeMs: number;
  /** The initial callback must arrive within this long (Discord: 3 seconds). */
  callbackDeadlineMs: number;
  newId(): string;
}
