import { randomUUID } from 'node:crypto';
import { opaqueKey, type RedisConnection } from '@supergraph/service-kit';

/** How long a subscription counts in Redis without its gateway renewing it (a dead gateway's stop counting after this). */
export const CALLER_LEASE_MS = 30_000;
const RENEW_EVERY_MS = CALLER_LEASE_MS / 3;

// Both use Redis's own clock, so gateways whose clocks differ agree on what has expired.
/** Drops expired entries; admits (adds a leased entry) when fewer than the limit remain. 1: admitted. */
const ADMIT = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;
/** Renews a gateway's entries of one caller (adding back any admitted while Redis was away). */
const RENEW = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

/**
 * Counts each caller's open subscriptions against `limit`. Always in this process; with a Redis
 * connection also across every gateway replica, in one sorted set per caller whose entries are
 * leases: each gateway renews its own every 10 s, so the entries of a gateway that died without
 * releasing them stop counting after 30 s, and nothing leaks. When Redis cannot be reached,
 * subscriptions (reads) are still admitted, up to the limit in this process alone (the outage is
 * logged once, by the connection); the renewal puts them back in Redis once it is reachable again.
 */
export class CallerCount {
  private readonly local = new Map<string, Set<string>>();
  private readonly instance = randomUUID();
  private next = 0;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limit: number,
    private readonly redis: RedisConnection | null,
  ) {
    if (redis) {
      redis.client.defineCommand('subscriptionAdmit', { numberOfKeys: 1, lua: ADMIT });
      redis.client.defineCommand('subscriptionRenew', { numberOfKeys: 1, lua: RENEW });
      this.timer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
      this.timer.unref();
    }
  }

  /** Counts one more subscription of `caller` ('' for anonymous callers); null when they are at the limit. */
  async admit(caller: string): Promise<(() => void) | null> {
    const mine = this.local.get(caller) ?? new Set<string>();
    if (mine.size >= this.limit) return null;
    const entry = `${this.instance}:${this.next++}`;
    const redis = this.redis;
    if (redis?.reachable) {
      try {
        const admitted = await this.command('subscriptionAdmit', this.keyOf(caller), String(this.limit), String(CALLER_LEASE_MS), entry);
        if (admitted !== 1) return null;
      } catch {
        // Redis went away meanwhile: counted here alone, like any subscription admitted during the outage.
      }
    }
    mine.add(entry);
    this.local.set(caller, mine);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      mine.delete(entry);
      if (mine.size === 0) this.local.delete(caller);
      if (redis?.reachable) redis.client.zrem(this.keyOf(caller), entry).catch(() => {}); // else its lease runs out
    };
  }

  /** Stops renewing (the entries of this gateway then expire, unless released first). */
  close(): void {
    clearInterval(this.timer);
  }

  private keyOf(caller: string) {
    return this.redis!.key('subscriptions', opaqueKey(caller || 'anonymous'));
  }

  private command(name: 'subscriptionAdmit' | 'subscriptionRenew', key: string, ...args: string[]): Promise<unknown> {
    return (this.redis!.client as unknown as Record<string, (...a: string[]) => Promise<unknown>>)[name]!(key, ...args);
  }

  private async renew() {
    if (!this.redis?.reachable) return;
    for (const [caller, entries] of this.local) {
      if (entries.size === 0) continue;
      await this.command('subscriptionRenew', this.keyOf(caller), String(CALLER_LEASE_MS), ...entries).catch(() => {});
    }
  }
}
