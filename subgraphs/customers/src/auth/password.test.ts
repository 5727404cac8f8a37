import { describe, expect, test } from 'vitest';
import { createPasswordHasher, OWASP_LOG_N } from './password.ts';

describe('password hashing', () => {
  test('the default follows OWASP (scrypt N=2^17, r=8, p=1) and the hash records its parameters', async () => {
    expect(OWASP_LOG_N).toBe(17);
    const hash = await createPasswordHasher().hash('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$ln=17,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
  });

  test('salts are unique, and only the right password verifies', async () => {
    const hasher = createPasswordHasher(10);
    const [a, b] = await Promise.all([hasher.hash('same password'), hasher.hash('same password')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[2]).not.toBe(b.split('$')[2]);
    expect(await hasher.verify('same password', a)).toBe(true);
    expect(await hasher.verify('same passwore', a)).toBe(false);
    expect(await hasher.verify('same password', 'not-a-hash')).toBe(false);
  });

  test('a hash made at another cost still verifies (the cost can be raised later)', async () => {
    const old = await createPasswordHasher(10).hash('migrate me');
    expect(await createPasswordHasher(12).verify('migrate me', old)).toBe(true);
  });
});
