import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode, fail } from '@supergraph/service-kit';

export interface ThrottleLimits {
  /** Sign-in attempts per account (store + email) in 15 minutes; a success starts the count again. */
  loginPerAccount: number;
  /** Sign-in attempts per client address per minute. */
  loginPerAddress: number;
  /** Registrations per client address per hour. */
  registerPerAddress: number;
}

const tooManyRequests = (seconds: number) =>
  fail(ErrorCode.TooManyRequests, `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
    retryAfterSeconds: seconds,
  });

/** Takes one attempt from each limiter; the first one used up answers TOO_MANY_REQUESTS. */
async function take(...limiters: [RateLimiterMemory, string][]) {
  for (const [limiter, key] of limiters) {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw tooManyRequests(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  }
}

/**
 * Slows down password guessing and mass registration (rate-limiter-flexible, in memory: per
 * process; several replicas would share a Redis or PostgreSQL limiter from the same library).
 */
export function createThrottle(limits: ThrottleLimits) {
  const loginByAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: limits.loginPerAccount, duration: 15 * 60 });
  const loginByAddress = new RateLimiterMemory({ keyPrefix: 'login-address', points: limits.loginPerAddress, duration: 60 });
  const registerByAddress = new RateLimiterMemory({ keyPrefix: 'register-address', points: limits.registerPerAddress, duration: 60 * 60 });
  return {
    login: (account: string, address: string | null) => take([loginByAddress, address ?? 'unknown'], [loginByAccount, account]),
    loginSucceeded: async (account: string) => void (await loginByAccount.delete(account)),
    register: (address: string | null) => take([registerByAddress, address ?? 'unknown']),
  };
}
export type Throttle = ReturnType<typeof createThrottle>;
