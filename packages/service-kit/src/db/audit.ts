import { bigserial, index, jsonb, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import type { ClientInfo } from '../identity/internal-tokens.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { Database } from './database.ts';

/**
 * An append-only trail of security-relevant actions (who, what, when, from where), in the
 * subgraph's own schema. A trigger in the migration refuses UPDATE and DELETE. Never put secrets,
 * passwords or tokens in `details`.
 */
export function auditTable(schema: PgSchema) {
  return schema.table(
    'audit_log',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
      action: text('action').notNull(),
      actorId: text('actor_id'),
      actorRole: text('actor_role'),
      storeId: text('store_id'),
      targetType: text('target_type'),
      targetId: text('target_id'),
      clientIp: text('client_ip'),
      details: jsonb('details').notNull().default({}),
    },
    (t) => [index('audit_log_actor_idx').on(t.actorId, t.occurredAt), index('audit_log_target_idx').on(t.targetType, t.targetId)],
  );
}
export type AuditTable = ReturnType<typeof auditTable>;

export interface AuditEntry {
  action: string;
  actor: Viewer | null;
  client: ClientInfo;
  target?: { type: string; id: string };
  /** For an anonymous actor (a failed sign-in), the store the attempt was for. */
  storeId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one entry; pass the transaction of the change it records, so both commit together. */
export async function recordAudit(db: Database<Record<string, unknown>>, table: AuditTable, entry: AuditEntry): Promise<void> {
  await db.insert(table).values({
    action: entry.action,
    actorId: entry.actor?.accountId ?? null,
    actorRole: entry.actor?.role ?? null,
    storeId: entry.actor?.storeId ?? entry.storeId ?? null,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    clientIp: entry.client.ip,
    details: entry.details ?? {},
  });
}
