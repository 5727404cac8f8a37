import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { daysBefore, unauthenticated, type RetentionTask } from '@supergraph/service-kit';
import type { CustomersDb } from '../db/index.ts';
import { refreshTokens } from '../db/schema.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const INVALID = 'The refresh token is not valid. Sign in again.';

/** Issues a new refresh token, in a new family (a sign-in) or an existing one (a rotation). */
export async function issueRefreshToken(db: CustomersDb, customerId: string, ttlSeconds: number, familyId: string = randomUUID()) {
  const token = `rt_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await db.insert(refreshTokens).values({ familyId, customerId, tokenHash: hash(token), expiresAt });
  return { refreshToken: token, refreshTokenExpiresAt: expiresAt };
}

const revokeFamily = (db: CustomersDb, familyId: string) =>
  db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));

/**
 * Uses a refresh token once: returns its customer and family for the replacement. A token used
 * before (replayed, so probably stolen) revokes its whole family. Only one of two concurrent uses
 * of the same token can win the conditional update.
 */
export async function useRefreshToken(db: CustomersDb, token: string): Promise<{ customerId: string; familyId: string }> {
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hash(token)));
  if (!row || row.revokedAt || row.expiresAt <= new Date()) throw unauthenticated(INVALID);
  const [claimed] = await db
    .update(refreshTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt)))
    .returning();
  if (!claimed) {
    await revokeFamily(db, row.familyId);
    throw unauthenticated(INVALID);
  }
  return { customerId: row.customerId, familyId: row.familyId };
}

/** Signs out the session the token belongs to: every token of its family stops working. */
export async function revokeRefreshToken(db: CustomersDb, token: string): Promise<{ customerId: string } | null> {
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hash(token)));
  if (!row) return null;
  await revokeFamily(db, row.familyId);
  return { customerId: row.customerId };
}

/**
 * Retention: refresh tokens that expired, or were revoked, more than `days` ago. Neither can be
 * used again (a revoked one is refused as it is); a used token that is neither stays until then,
 * so presenting it again still revokes its family.
 */
export const refreshTokenRetention = (db: CustomersDb, days: number): RetentionTask => ({
  table: 'customers.refresh_tokens',
  what: 'refresh tokens',
  rule: `expired or revoked more than ${days} days ago`,
  run: async (now) => {
    const before = daysBefore(now, days);
    let removed = 0;
    for (;;) {
      const due = db
        .select({ id: refreshTokens.id })
        .from(refreshTokens)
        .where(or(lt(refreshTokens.expiresAt, before), lt(refreshTokens.revokedAt, before)))
        .limit(5000);
      const rows = await db.delete(refreshTokens).where(inArray(refreshTokens.id, due)).returning({ id: refreshTokens.id });
      removed += rows.length;
      if (rows.length < 5000) return removed;
    }
  },
});
