import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { parseEnv, z } from '../config/env.ts';
import type { Logger } from '../observability/logger.ts';

/**
 * Where the state that replicas must share lives (sign-in throttles, the gateway's count of each
 * caller's subscriptions). Null when REDIS_URL is unset: every process keeps its own, in memory.
 */
export interface RedisConfig {
  url: string;
  /** Put before every key, so that several deployments (or test runs) can share one Redis. */
  keyPrefix: string;
}

/** REDIS_URL and REDIS_KEY_PREFIX, for a service's own settings schema (as `operationsEnv`). */
export const redisEnv = () => ({
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, message: 'must be a Redis URL, for example redis://127.0.0.1:6379 (rediss:// for TLS)' })
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9:_-]+$/, 'must be letters, digits, ":", "_" or "-", for example supergraph:')
    .default('supergraph:'),
});

/** The Redis settings out of a schema that spread `redisEnv()`. */
export const redisSettingsOf = (parsed: Record<string, unknown>): RedisConfig | null =>
  parsed.REDIS_URL ? { url: parsed.REDIS_URL as string, keyPrefix: parsed.REDIS_KEY_PREFIX as string } : null;

/** Reads REDIS_URL and REDIS_KEY_PREFIX on their own (every problem reported together by `readAll`). */
export function readRedisConfig(source: Record<string, string | undefined>): RedisConfig | null {
  return redisSettingsOf(parseEnv(z.object(redisEnv()), source));
}

/** A key part that names a person (an email, an address) as Redis stores it: hashed, so no key shows it. */
export const opaqueKey = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

/** What a connection's state is, for readiness and metrics. */
export interface RedisState {
  reachable: boolean;
  /** Where (host:port, never the password). */
  at: string;
  /** Since when it has been unreachable (ISO-8601 UTC), when it is. */
  unreachableSince?: string;
}

/**
 * One ioredis connection, set up as rate-limiter-flexible documents for its Redis store: no
 * offline queue (a command while disconnected fails at once instead of waiting), a command
 * timeout (a Redis that hangs fails like one that is gone), reconnecting forever in the
 * background. The service starts whether or not Redis is reachable; losing and regaining it is
 * logged once each, with what it means (`whenDown`), never per request.
 */
export class RedisConnection {
  readonly client: Redis;
  readonly at: string;
  private down: { since: Date } | null = null;
  private lastCommandWarning = 0;

  constructor(
    readonly config: RedisConfig,
    private readonly logger: Logger,
    /** What the service does while Redis is unreachable, in words for the log. */
    private readonly whenDown: string,
  ) {
    const url = new URL(config.url);
    this.at = `${url.hostname}:${url.port || 6379}`;
    this.client = new Redis(config.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 1000,
      connectTimeout: 2000,
      // Try again soon, then every 2 s at most, forever.
      retryStrategy: (times) => Math.min(times * 100, 2000),
      lazyConnect: false,
    });
    this.client.on('ready', () => {
      const was = this.down;
      this.down = null;
      if (was)
        this.logger.info(
          { redis: this.at, unreachableSeconds: Math.round((Date.now() - was.since.getTime()) / 1000) },
          `Redis at ${this.at} is reachable again; the limits shared between replicas are back.`,
        );
    });
    // ioredis reports every failed reconnection attempt; only the first of an outage is logged.
    const lost = (error?: Error) => {
      if (this.down) return;
      this.down = { since: new Date() };
      this.logger.warn(
        { redis: this.at, reason: error?.message ?? 'connection closed' },
        `Redis at ${this.at} is unreachable: ${this.whenDown} Trying again every 2 seconds.`,
      );
    };
    this.client.on('error', lost);
    this.client.on('close', () => lost());
  }

  /**
   * A command failed while the connection looked fine (a Redis that hangs: the command timed out).
   * Logged at most once a minute, as the outage it probably is.
   */
  commandFailed(error: unknown): void {
    if (this.down || Date.now() - this.lastCommandWarning < 60_000) return;
    this.lastCommandWarning = Date.now();
    this.logger.warn(
      { redis: this.at, reason: error instanceof Error ? error.message : String(error) },
      `Redis at ${this.at} did not answer: ${this.whenDown} (logged at most once a minute while it lasts)`,
    );
  }

  /** Connected and able to take commands. */
  get reachable(): boolean {
    return this.client.status === 'ready';
  }

  state(): RedisState {
    return {
      reachable: this.reachable,
      at: this.at,
      ...(this.down && !this.reachable ? { unreachableSince: this.down.since.toISOString() } : {}),
    };
  }

  /** A key of this deployment: the prefix, then the parts joined by ":". */
  key(...parts: string[]): string {
    return `${this.config.keyPrefix}${parts.join(':')}`;
  }

  async close(): Promise<void> {
    this.down = { since: new Date() }; // no "unreachable" warning for a connection we close ourselves
    this.client.disconnect();
  }
}
