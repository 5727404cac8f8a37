import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ErrorCode, fail, opaqueKey, type RedisConnection } from '@supergraph/service-kit';

export interface ThrottleLimits {
  /** Sign-in attempts per account (store + email) in 15 minutes; a success starts the count again. */
  loginPerAccount: number;
  /** Sign-in attempts per client address per minute. */
  loginPerAddress: number;
  /** Registrations per client address per hour. */
  registerPerAddress: number;
}

/** What a throttle guards: each has its own words when the shared count cannot be reached. */
export type ThrottledAction = 'sign-in' | 'registration' | 'erasure';

/** Why an attempt was refused: over its limit, or the shared count (Redis) could not be reached. */
export type RefusalReason = 'limit' | 'store_unavailable';

const tooManyRequests = (seconds: number) =>
  fail(ErrorCode.TooManyRequests, `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
    retryAfterSeconds: seconds,
  });

const UNAVAILABLE: Record<ThrottledAction, string> = {
  'sign-in':
    'Signing in is not possible right now, because attempts cannot be counted at the moment. Nothing was changed; try again in a minute.',
  registration:
    'Creating an account is not possible right now, because attempts cannot be counted at the moment. No account was created; try again in a minute.',
  erasure:
    'Erasing your account is not possible right now, because password attempts cannot be counted at the moment. Nothing was erased; try again in a minute.',
};

/**
 * Slows down password guessing and mass registration (rate-limiter-flexible). Without a Redis
 * connection each process counts in its own memory; with one (REDIS_URL), every replica counts in
 * the same Redis keys, so the limits hold however many replicas there are. When that Redis cannot
 * be reached the throttle fails closed: the attempt is refused with SERVICE_UNAVAILABLE before
 * anything is read or written, rather than let guesses through uncounted.
 */
export function createThrottle(
  limits: ThrottleLimits,
  shared: RedisConnection | null = null,
  onRefused: (action: ThrottledAction, reason: RefusalReason) => void = () => {},
) {
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract =>
    shared
      ? // Not ready: refused at once (no insurance limiter: counting per process would multiply the limit again).
        new RateLimiterRedis({
          storeClient: shared.client,
          keyPrefix: shared.key('throttle', name),
          points,
          duration,
          rejectIfRedisNotReady: true,
        })
      : new RateLimiterMemory({ keyPrefix: name, points, duration });
  // Redis keys name no person: emails and addresses are hashed there.
  const keyOf = shared ? opaqueKey : (key: string) => key;
  const loginByAccount = limiter('login-account', limits.loginPerAccount, 15 * 60);
  const loginByAddress = limiter('login-address', limits.loginPerAddress, 60);
  const registerByAddress = limiter('register-address', limits.registerPerAddress, 60 * 60);

  /** Takes one attempt from each limiter; the first one used up answers TOO_MANY_REQUESTS. */
  async function take(action: ThrottledAction, ...limiters: [RateLimiterAbstract, string][]) {
    for (const [limiter, key] of limiters) {
      try {
        await limiter.consume(keyOf(key));
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          onRefused(action, 'limit');
          throw tooManyRequests(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
        }
        if (!shared) throw rejection;
        // An outage is logged by the connection (once); each refusal is counted, not logged.
        shared.commandFailed(rejection);
        onRefused(action, 'store_unavailable');
        throw fail(ErrorCode.ServiceUnavailable, UNAVAILABLE[action]);
      }
    }
  }

  return {
    /** One password attempt on `account` (store slug + email): at sign-in, or to confirm an account's erasure. */
    login: (account: string, address: string | null, action: 'sign-in' | 'erasure' = 'sign-in') =>
      take(action, [loginByAddress, address ?? 'unknown'], [loginByAccount, account]),
    loginSucceeded: async (account: string) => {
      try {
        await loginByAccount.delete(keyOf(account));
      } catch (error) {
        // The password was right: the sign-in stands. Its earlier misses expire with their window.
        if (!shared) throw error;
      }
    },
    register: (address: string | null) => take('registration', [registerByAddress, address ?? 'unknown']),
  };
}
export type Throttle = ReturnType<typeof createThrottle>;
