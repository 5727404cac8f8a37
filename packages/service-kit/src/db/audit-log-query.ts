import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { badUserInput, forbidden } from '../graphql/errors.ts';
import { pageSize } from '../graphql/pagination.ts';
import { rules, validateInput } from '../graphql/validation.ts';
import type { ClientInfo } from '../identity/internal-tokens.ts';
import { requireScope, type Viewer } from '../identity/viewer.ts';
import { z } from 'zod';
import { recordAudit, type AuditTable } from './audit.ts';
import type { Database } from './database.ts';

/** The filter of an audit-log query (`AuditLogFilter` in every SDL that offers one). */
export interface AuditLogFilterInput {
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  action?: string | null;
  since?: Date | null;
  until?: Date | null;
}

/** One entry as `AuditEntry` shows it. */
export interface AuditLogEntry {
  id: string;
  domain: string;
  occurredAt: Date;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  targetType: string | null;
  targetId: string | null;
  clientIp: string | null;
  details: Record<string, unknown>;
}

export interface AuditLogPage {
  edges: { cursor: string; node: AuditLogEntry }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

const filterSchema = z
  .object({
    actorId: rules.uuid().nullish(),
    targetType: z
      .string()
      .regex(/^[A-Z][A-Za-z]{0,49}$/, 'must be a type name, like Customer or Payment')
      .nullish(),
    targetId: rules.uuid().nullish(),
    action: z
      .string()
      .regex(/^[a-z][a-z_.]{0,99}$/, 'must be an action name, like customer.login or payment.refunded')
      .nullish(),
    since: z.date().nullish(),
    until: z.date().nullish(),
  })
  .refine((f) => !f.since || !f.until || f.since < f.until, { message: 'must be later than since', path: ['until'] });

// Entries are listed newest first by id (the order they were written in); the cursor is that id.
const CURSOR_ERROR = '"after" is not a cursor this API returned. Use a pageInfo.endCursor or edge cursor.';
const encodeAuditCursor = (id: number) => Buffer.from(JSON.stringify(['audit', id])).toString('base64url');
function decodeAuditCursor(cursor: string | null | undefined): number | null {
  if (cursor === null || cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = cursor.length <= 100 ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== 'audit' || !Number.isSafeInteger(parsed[1]) || parsed[1] < 1)
    throw badUserInput(CURSOR_ERROR, 'after');
  if (encodeAuditCursor(parsed[1]) !== cursor) throw badUserInput(CURSOR_ERROR, 'after');
  return parsed[1];
}

/**
 * A page of one domain's audit log, for an admin of the store (`store:admin`): only that store's
 * entries, newest first, filtered by actor, subject (`targetType`/`targetId`), action and time
 * (`since` inclusive, `until` exclusive). Reading it is itself recorded in the same log (action
 * `audit_log.read`, with the filter), before the page is returned. Every subgraph with an audit
 * log offers it the same way, on its own `Store` field.
 */
export async function readAuditLog(
  db: Database<Record<string, unknown>>,
  table: AuditTable,
  request: {
    domain: string;
    storeId: string;
    viewer: Viewer | null;
    client: ClientInfo;
    first?: number | null;
    after?: string | null;
    filter?: AuditLogFilterInput | null;
  },
): Promise<AuditLogPage> {
  const admin = requireScope(request.viewer, 'store:admin', 'Only admins of the store may read its audit log.');
  if (admin.storeId !== request.storeId) throw forbidden('You may read the audit log of your own store only.');
  const size = pageSize(request.first);
  const position = decodeAuditCursor(request.after);
  const filter = validateInput(filterSchema, request.filter ?? {}, 'filter');
  const where: SQL[] = [eq(table.storeId, request.storeId)];
  if (filter.actorId) where.push(eq(table.actorId, filter.actorId));
  if (filter.targetType) where.push(eq(table.targetType, filter.targetType));
  if (filter.targetId) where.push(eq(table.targetId, filter.targetId));
  if (filter.action) where.push(eq(table.action, filter.action));
  if (filter.since) where.push(gte(table.occurredAt, filter.since));
  if (filter.until) where.push(lt(table.occurredAt, filter.until));
  const matching = and(...where);
  const rows = await db
    .select()
    .from(table)
    .where(position === null ? matching : and(matching, lt(table.id, position)))
    .orderBy(desc(table.id))
    .limit(size + 1);
  const page = rows.slice(0, size);
  await recordAudit(db, table, {
    action: 'audit_log.read',
    actor: admin,
    client: request.client,
    target: { type: 'Store', id: request.storeId },
    details: {
      first: size,
      after: position,
      filter: Object.fromEntries(
        Object.entries(filter)
          .filter(([, v]) => v !== null && v !== undefined)
          .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
      ),
      returned: page.length,
    },
  });
  const edges = page.map((row) => ({
    cursor: encodeAuditCursor(row.id),
    node: {
      id: String(row.id),
      domain: request.domain,
      occurredAt: row.occurredAt,
      action: row.action,
      actorId: row.actorId,
      actorRole: row.actorRole,
      targetType: row.targetType,
      targetId: row.targetId,
      clientIp: row.clientIp,
      details: (row.details ?? {}) as Record<string, unknown>,
    },
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: position !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: async () => {
      const [row] = await db.select({ n: count() }).from(table).where(matching);
      return row?.n ?? 0;
    },
  };
}
