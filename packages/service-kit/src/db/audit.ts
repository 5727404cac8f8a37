import DataLoader from 'dataloader';
import { asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { bigserial, index, jsonb, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import type { ClientInfo } from '../identity/internal-tokens.ts';
import type { Viewer } from '../identity/viewer.ts';
import { type Database, jsonRecords } from './database.ts';

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
    (t) => [
      index('audit_log_actor_idx').on(t.actorId, t.occurredAt),
      index('audit_log_target_idx').on(t.targetType, t.targetId),
      // An admin's read of the store's log, newest first (readAuditLog).
      index('audit_log_store_idx').on(t.storeId, t.id),
    ],
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
  await recordAudits(db, table, [entry]);
}

/**
 * Appends several entries in one statement, sent as one JSON parameter: a staff page of 50
 * customers writes 51 entries, and drizzle's INSERT … VALUES built those 400 parameters in about
 * 1.7 ms of CPU per request (a fifth of the subgraphs' time for that page); the JSON costs
 * microseconds, and the database reads it in about the time it bound them.
 */
export async function recordAudits(
  db: Database<Record<string, unknown>>,
  table: AuditTable,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const columns = AUDIT_COLUMNS.map((c) => table[c]);
  const names = sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  // The record jsonb_to_recordset reads, and each entry as a JSON object of it, from the table's own columns.
  const record = columns.map((c) => `${c.name} ${c.getSQLType()}`).join(', ');
  const rows = entries.map((entry) => {
    const v = values(entry);
    return Object.fromEntries(AUDIT_COLUMNS.map((c, i) => [columns[i]!.name, v[c]]));
  });
  await db.execute(sql`insert into ${table} (${names}) select ${names} from ${jsonRecords(rows, record)}`);
}

/** The columns an entry sets (its id and time are the table's defaults). */
const AUDIT_COLUMNS = ['action', 'actorId', 'actorRole', 'storeId', 'targetType', 'targetId', 'clientIp', 'details'] as const;

/** An entry's value for each of `AUDIT_COLUMNS`, by the table's property names. */
const values = (entry: AuditEntry): Record<(typeof AUDIT_COLUMNS)[number], unknown> => ({
  action: entry.action,
  actorId: entry.actor?.accountId ?? null,
  actorRole: entry.actor?.role ?? null,
  storeId: entry.actor?.storeId ?? entry.storeId ?? null,
  targetType: entry.target?.type ?? null,
  targetId: entry.target?.id ?? null,
  clientIp: entry.client.ip,
  details: entry.details ?? {},
});

/**
 * Complete data access logging: what a request of staff or an admin read of other people's data,
 * one entry per person (`action` about `Customer` <id>), however many fields and entities of
 * theirs it read, written in one statement per batch of the request (a DataLoader: the entities of
 * one `_entities` call, the roots of one operation). A person's reads of their own data are not
 * recorded. `read` resolves once the entry is written, so no data leaves without its entry.
 */
export function dataAccessLog(
  db: Database<Record<string, unknown>>,
  table: AuditTable,
  who: { viewer: Viewer | null; client: ClientInfo },
  action: string,
) {
  const loader = new DataLoader<string, true>(async (personIds) => {
    await recordAudits(
      db,
      table,
      personIds.map((id) => ({ action, actor: who.viewer, client: who.client, target: { type: 'Customer', id } })),
    );
    return personIds.map(() => true as const);
  });
  return {
    /** Records that the caller read the data of `personId` (once per request), unless it is their own. */
    async read(personId: string): Promise<void> {
      if (!who.viewer || who.viewer.accountId === personId) return;
      await loader.load(personId);
    },
    /** Marks people as recorded already in this request (their entries were written with another, in one statement). */
    recorded(personIds: readonly string[]) {
      for (const id of personIds) loader.prime(id, true);
    },
  };
}
export type DataAccessLog = ReturnType<typeof dataAccessLog>;

/** Who a person is to the audit log: their account, what else is theirs (their payments, say), and the email a failed sign-in may have named. */
export interface AuditPerson {
  accountId: string;
  targetIds?: readonly string[];
  email?: string;
}

const aboutPerson = (table: AuditTable, person: AuditPerson) => {
  const about = [eq(table.actorId, person.accountId), eq(table.targetId, person.accountId)];
  if (person.targetIds?.length) about.push(inArray(table.targetId, [...person.targetIds]));
  if (person.email) about.push(sql`${table.details}->>'email' = ${person.email}`);
  return or(...about)!;
};

/**
 * The audit entries about a person, oldest first, as their personal data export shows them: what
 * happened, when, by whom (`you`, or the actor's role), from which address, and its details. The
 * same entries `redactAudit` redacts on erasure.
 */
export async function auditTrailOf(db: Database<Record<string, unknown>>, table: AuditTable, person: AuditPerson) {
  const rows = await db
    .select({
      occurredAt: table.occurredAt,
      action: table.action,
      actorId: table.actorId,
      actorRole: table.actorRole,
      clientIp: table.clientIp,
      details: table.details,
    })
    .from(table)
    .where(aboutPerson(table, person))
    .orderBy(asc(table.occurredAt), asc(table.id));
  return rows.map((a) => ({
    occurredAt: a.occurredAt.toISOString(),
    action: a.action,
    by: a.actorId === person.accountId ? 'you' : (a.actorRole?.toLowerCase() ?? 'someone not signed in'),
    clientAddress: a.clientIp,
    details: a.details,
  }));
}

/**
 * The one way an audit entry changes: the trigger of the migration that made the table
 * append-only lets a transaction that has set this (with `set_config(…, true)`: for that
 * transaction only) replace `details` and `client_ip`, and nothing else. Used by erasure.
 */
export const AUDIT_REDACTION_SETTING = 'supergraph.audit_redaction';

/**
 * Removes what identifies a person from the audit entries about them: those they made, those
 * about them (`targetIds`: their account, their payments…), and failed sign-ins that named their
 * email. The entries stay, so the trail still says what happened and when, to which (now
 * pseudonymous) id; their details become `{"redacted": true}` and their client address goes.
 * Call it inside the erasure's transaction. Returns how many entries it redacted.
 */
export async function redactAudit(
  db: Database<Record<string, unknown>>,
  table: AuditTable,
  person: { accountId: string; targetIds?: readonly string[]; email?: string },
): Promise<number> {
  await db.execute(sql`select set_config(${AUDIT_REDACTION_SETTING}, 'on', true)`);
  const redacted = await db
    .update(table)
    .set({ details: { redacted: true }, clientIp: null })
    .where(aboutPerson(table, person))
    .returning({ id: table.id });
  return redacted.length;
}

/**
 * The other way entries change, for retention: the trigger lets a transaction that has set this to
 * a moment (with `set_config(…, true)`) delete the entries that occurred before it, when that
 * moment is at least a day ago, and nothing else. Every other UPDATE or DELETE, and TRUNCATE, stay refused.
 */
export const AUDIT_RETENTION_SETTING = 'supergraph.audit_retention_before';

/** Rows per retention statement: big enough to be quick, small enough not to hold locks for long. */
export const RETENTION_BATCH = 5000;

/** Removes the audit entries that occurred before `before` (retention), a batch per transaction. Returns how many. */
export async function pruneAudit(db: Database<Record<string, unknown>>, table: AuditTable, before: Date): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config(${AUDIT_RETENTION_SETTING}, ${before.toISOString()}, true)`);
      const oldest = tx.select({ id: table.id }).from(table).where(lt(table.occurredAt, before)).orderBy(table.id).limit(RETENTION_BATCH);
      const rows = await tx.delete(table).where(inArray(table.id, oldest)).returning({ id: table.id });
      return rows.length;
    });
    removed += batch;
    if (batch < RETENTION_BATCH) return removed;
  }
}
