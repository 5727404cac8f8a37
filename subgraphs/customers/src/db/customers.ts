import { and, asc, desc, eq, inArray, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import { after, countRows, newestFirst, type Position, unauthenticated } from '@supergraph/service-kit';
import type { CustomersDb } from './index.ts';
import { addresses, customerSearch, customers, type AddressRow, type CustomerRow } from './schema.ts';

export const findCustomersByIds = (db: CustomersDb, ids: readonly string[]) =>
  db
    .select()
    .from(customers)
    .where(inArray(customers.id, [...ids]));

export async function findCustomerByEmail(db: CustomersDb, storeId: string, email: string): Promise<CustomerRow | undefined> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.email, email)));
  return row;
}

export interface CustomerPageQuery {
  storeId: string;
  limit: number;
  after: Position | null;
  search: string | null;
}

/** `term` as a LIKE pattern's literal text: its percent signs, underscores and backslashes match only themselves. */
const likeLiteral = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Searches this short (in characters) match where a word begins rather than anywhere: a trigram
 * index cannot narrow "%a%", and one or two letters anywhere match nearly everyone.
 */
const SHORT_SEARCH = 3;

/**
 * `expression` (lowered) LIKE `pattern`, case-insensitively: the pattern is lowered by PostgreSQL,
 * as the expression is (JavaScript's toLowerCase folds some characters otherwise). The same matches
 * as ILIKE, which on a multibyte encoding folds with lower() too, for about a quarter of its cost a
 * row (0.75 against 2.7 µs on PostgreSQL 15), which counts wherever the planner filters rows rather
 * than reading them from a trigram index: a walk of the newest-first index, a bounded count's scan,
 * a bitmap heap scan's recheck.
 */
const matches = (expression: SQL, pattern: string) => like(expression, sql`lower(${pattern})`);

/**
 * Whether a customer matches the search. Three characters or more: the term anywhere in the email
 * or the full name, case-insensitively. Shorter: the email, or a word of the name, that begins with
 * it. On the table's columns the expressions are exactly those of the trigram indexes
 * `customers_email_lower_trgm_idx` and `customers_name_lower_trgm_idx`, so the indexes serve them.
 */
function searchMatch(search: string): SQL {
  const email = sql`lower(${customers.email})`;
  const fullName = sql`lower((${customers.firstName} || ' ' || ${customers.lastName}))`;
  const term = likeLiteral(search);
  return [...search].length >= SHORT_SEARCH
    ? or(matches(email, `%${term}%`), matches(fullName, `%${term}%`))!
    : or(matches(email, `${term}%`), matches(fullName, `${term}%`), matches(fullName, `% ${term}%`))!;
}

/** The store's customers (role CUSTOMER), of every page. */
const ofStore = (storeId: string) => and(eq(customers.storeId, storeId), eq(customers.role, 'CUSTOMER'))!;

/** The store's customers that match the search (every page of them). */
function storeCustomerConditions(query: Pick<CustomerPageQuery, 'storeId' | 'search'>): SQL[] {
  return [ofStore(query.storeId), ...(query.search ? [searchMatch(query.search)] : [])];
}

/**
 * The same match as `searchMatch` for a term of three characters or more without a newline, on
 * `customer_search` (its text is the lowered email and full name joined by a newline, so such a
 * term matches there exactly when it matches one of them), with the store's customers filter.
 */
const searchTextMatch = (storeId: string, search: string) => and(ofStoreSearch(storeId), textMatches(customerSearch.searchText, search));

/** The store's customers (role CUSTOMER) in `customer_search`, as `ofStore` has them in the customers table. */
const ofStoreSearch = (storeId: string) => and(eq(customerSearch.storeId, storeId), eq(customerSearch.role, 'CUSTOMER'))!;

/** A `customer_search` text (the column, or a subquery's) that holds the term, which has no newline. */
const textMatches = (text: unknown, term: string) => matches(sql`${text}`, `%${likeLiteral(term)}%`);

/**
 * The term, when `customer_search` serves it: three characters or more (what the trigram indexes
 * narrow) and no newline (its text joins the email and the name with one).
 */
const searchTextTerm = (search: string | null) => (search && [...search].length >= SHORT_SEARCH && !search.includes('\n') ? search : null);

/**
 * The ids of the first `limit` customers whose text holds the term among the store's newest
 * `window` (after `position`, when given), in customer_search_keyset_idx alone: the walk reads
 * index entries, about 0.2-0.5 µs each, and stops at `limit` matches or `window` entries.
 */
function newestMatching(
  db: CustomersDb,
  query: { storeId: string; term: string; window: number; limit: number; position?: Position | null },
) {
  const newest = db
    .select({ customerId: customerSearch.customerId, searchText: customerSearch.searchText })
    .from(customerSearch)
    .where(
      and(
        ofStoreSearch(query.storeId),
        query.position ? after(customerSearch.createdAt, customerSearch.customerId, query.position) : undefined,
      ),
    )
    .orderBy(...newestFirst(customerSearch.createdAt, customerSearch.customerId))
    .limit(query.window)
    .as('newest');
  return db.select({ customerId: newest.customerId }).from(newest).where(textMatches(newest.searchText, query.term)).limit(query.limit);
}

/** The first step of a bounded search count reads this many times its limit of the newest customers... */
const NEWEST_FIRST_FACTOR = 20;
/** ...when the limit is no more than this (5,000 entries); a larger limit goes to the trigram indexes at once. */
const NEWEST_FIRST_MAX_LIMIT = 250;
/** A page of a search first looks for its rows among this many times its size of the newest customers. */
const PAGE_WALK_FACTOR = 250;

/**
 * How many customers the listing has on all its pages, or, with `atMost`, no more than that many:
 * the statement stops reading at `atMost` matches (a search matching most of a large store would
 * otherwise visit every one of them).
 *
 * A bounded count of a search the trigram indexes serve (three characters or more) is not left to
 * the planner, which prices the match far below its cost (about 2 µs a row) and, with a LIMIT, reads
 * the store's customers until enough match: 9,000 rows for 'rossi' at 200,000 customers (20 ms),
 * where the indexes answer in 3 ms. Nor is it always the indexes': for a term in half the store
 * ('example.net') they collect every match first (25 ms) where reading stops after 200 rows. So,
 * two steps: the store's newest `20 × atMost` customers, in customer_search_keyset_idx alone (a
 * term in one customer of twenty or more finds its `atMost` there); if fewer match, the trigram
 * indexes, with sequential and plain index scans off for that statement (the term is rarer than one
 * in twenty there, so they have few matches to collect). For the default limit the first step reads
 * 2,000 index entries at most, about 0.5 ms (on the customers' rows it took 2.5-3 ms).
 *
 * An exact count of such a search (no `atMost`) visits every match, so it reads `customer_search`,
 * whose rows hold the lowered text alone: "ada" in 11,442 of 200,000 customers, 5-6 ms there against
 * 12-19 ms on the customers' rows (migration 0012).
 */
export async function countStoreCustomers(
  db: CustomersDb,
  query: Pick<CustomerPageQuery, 'storeId' | 'search'>,
  atMost?: number,
): Promise<number> {
  const where = and(...storeCustomerConditions(query));
  const term = searchTextTerm(query.search);
  if (term === null) return countRows(db, customers, where, atMost);
  if (atMost === undefined) return countRows(db, customerSearch, searchTextMatch(query.storeId, term));
  if (atMost <= NEWEST_FIRST_MAX_LIMIT) {
    const matched = newestMatching(db, { storeId: query.storeId, term, window: atMost * NEWEST_FIRST_FACTOR, limit: atMost }).as('matched');
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(matched);
    if ((row?.n ?? 0) >= atMost) return atMost;
  }
  return db.transaction(async (tx) => {
    // SET LOCAL, both in one statement: they end with the transaction.
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
    return countRows(tx as unknown as CustomersDb, customers, where, atMost);
  });
}

/**
 * One page of a store's customers (role CUSTOMER), newest first, by keyset.
 *
 * With a term `customer_search` serves, the page is first looked for among the newest
 * `PAGE_WALK_FACTOR × limit` customers after the cursor, in customer_search_keyset_idx alone (a
 * term in 1% of a 200,000-customer store finds its 21 rows in about 2,100 entries, 0.5 ms, where
 * the customers' rows took 2-4 ms). When fewer match there (a rarer term, or the last page), the
 * page is read as before, where the planner has the trigram indexes collect the few matches.
 */
export async function listStoreCustomers(db: CustomersDb, query: CustomerPageQuery): Promise<CustomerRow[]> {
  const term = searchTextTerm(query.search);
  if (term !== null) {
    const matched = newestMatching(db, {
      storeId: query.storeId,
      term,
      window: query.limit * PAGE_WALK_FACTOR,
      limit: query.limit,
      position: query.after,
    });
    const rows = await db
      .select()
      .from(customers)
      .where(inArray(customers.id, matched))
      .orderBy(...newestFirst(customers.createdAt, customers.id));
    if (rows.length === query.limit) return rows;
  }
  const conditions = storeCustomerConditions(query);
  if (query.after) {
    conditions.push(after(customers.createdAt, customers.id, query.after));
  }
  return db
    .select()
    .from(customers)
    .where(and(...conditions))
    .orderBy(...newestFirst(customers.createdAt, customers.id))
    .limit(query.limit);
}

export type NewCustomer = typeof customers.$inferInsert;

export async function insertCustomer(db: CustomersDb, values: NewCustomer): Promise<CustomerRow> {
  const [row] = await db.insert(customers).values(values).returning();
  return row!;
}

export type CustomerChanges = Partial<
  Pick<CustomerRow, 'firstName' | 'lastName' | 'phone' | 'preferredLanguage' | 'marketingConsent' | 'isActive'>
>;

export async function updateCustomer(db: CustomersDb, id: string, changes: CustomerChanges): Promise<CustomerRow | undefined> {
  const [row] = await db
    .update(customers)
    .set({ ...changes, updatedAt: new Date() })
    // An erased account is never changed again (not by a request that raced the erasure).
    .where(and(eq(customers.id, id), isNull(customers.erasedAt)))
    .returning();
  return row;
}

export const findAddressesByCustomerIds = (db: CustomersDb, customerIds: readonly string[]) =>
  db
    .select()
    .from(addresses)
    .where(inArray(addresses.customerId, [...customerIds]))
    .orderBy(desc(addresses.isDefault), asc(addresses.createdAt), asc(addresses.id));

export type NewAddress = typeof addresses.$inferInsert;

/** Saves an address; the first one, or one marked default, becomes the only default. One transaction. */
export async function insertAddress(db: CustomersDb, values: NewAddress): Promise<AddressRow> {
  return db.transaction(async (tx) => {
    // Lock the customer row so two concurrent "first address" requests cannot both become default.
    const [owner] = await tx
      .select({ id: customers.id, erasedAt: customers.erasedAt })
      .from(customers)
      .where(eq(customers.id, values.customerId))
      .for('update');
    if (!owner || owner.erasedAt) throw unauthenticated('This account no longer exists.');
    const existing = await tx.select({ id: addresses.id }).from(addresses).where(eq(addresses.customerId, values.customerId)).limit(1);
    const isDefault = values.isDefault === true || existing.length === 0;
    if (isDefault) {
      await tx.update(addresses).set({ isDefault: false }).where(eq(addresses.customerId, values.customerId));
    }
    const [row] = await tx
      .insert(addresses)
      .values({ ...values, isDefault })
      .returning();
    await tx.update(customers).set({ updatedAt: new Date() }).where(eq(customers.id, values.customerId));
    return row!;
  });
}
