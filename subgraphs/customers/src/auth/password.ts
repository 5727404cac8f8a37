import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** OWASP Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1. */
export const OWASP_LOG_N = 17;
const KEY_LENGTH = 32;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time check; false for malformed hashes. */
  verify(password: string, encoded: string): Promise<boolean>;
  /** Spends the same time as a real check, so an unknown email cannot be told apart by timing. */
  burn(password: string): Promise<void>;
}

/**
 * Hashes are self-describing (`scrypt$ln=17,r=8,p=1$<salt>$<key>`), so the cost can be raised later
 * and old hashes still verify. Each hash gets its own 16-byte random salt.
 */
export function createPasswordHasher(logN = OWASP_LOG_N): PasswordHasher {
  const params = { N: 2 ** logN, r: 8, p: 1 };
  const options = (N: number, r: number, p: number): ScryptOptions => ({ N, r, p, maxmem: 256 * N * r });
  const dummy = `scrypt$ln=${logN},r=8,p=1$${randomBytes(16).toString('base64url')}$${randomBytes(KEY_LENGTH).toString('base64url')}`;

  async function verify(password: string, encoded: string): Promise<boolean> {
    const match = /^scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(encoded);
    if (!match) return false;
    const [, ln, r, p, salt, key] = match;
    const expected = Buffer.from(key!, 'base64url');
    const actual = await scrypt(password, Buffer.from(salt!, 'base64url'), expected.length, options(2 ** Number(ln), Number(r), Number(p)));
    return timingSafeEqual(expected, actual);
  }

  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await scrypt(password, salt, KEY_LENGTH, options(params.N, params.r, params.p));
      return `scrypt$ln=${logN},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
    },
    verify,
    async burn(password) {
      await verify(password, dummy);
    },
  };
}
