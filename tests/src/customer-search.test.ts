import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeCursor } from '@supergraph/service-kit';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * The staff's customer search (`customers(search:)`): what it matches (special characters taken
 * literally, short terms at the start of a word), store-scoped and paged with exact totals; and that
 * on a store with many customers the statements it runs are answered by the trigram indexes
 * (pg_trgm), on PGlite and on PostgreSQL alike.
 */
let platform: TestPlatform;
let staff: string;
const PAGE = `query ($search: String, $first: Int, $after: String) {
  customers(first: $first, after: $after, search: $search) {
    totalCount edges { cursor node { id firstName lastName email } } pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string; firstName: string; lastName: string; email: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function search(term: string, first = 100, after: string | null = null, token = staff): Promise<Page> {
  const result = await platform.gql<{ customers: Page }>(PAGE, { search: term, first, after }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.customers;
}

/** Every match of a search, page after page, with the total each page reported. */
async function everyPage(term: string, first: number) {
  const pages: Page[] = [];
  for (let after: string | null = null; ; ) {
    const page = await search(term, first, after);
    pages.push(page);
    if (!page.pageInfo.hasNextPage) return pages;
    after = page.pageInfo.endCursor;
  }
}

const lastNames = async (term: string) => (await search(term)).edges.map((e) => e.node.lastName).sort();

/** Rows of a statement on the customers database (PGlite answers { rows }, postgres.js an array). */
async function rows<T>(query: SQL): Promise<T[]> {
  const result = (await platform.databases.customers.execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
}

/** Registered through the gateway, so each is a customer as any other (and the newest of the store). */
async function customer(lastName: string, firstName = 'Searchable', storeSlug = 'napoli') {
  return (await platform.register(storeSlug, { firstName, lastName })).id;
}

const MARKED = [1, 2, 3, 4, 5].map((i) => `Qzvmarker${i}`);

beforeAll(async () => {
  platform = await startTestPlatform();
  staff = await platform.login('staff@napoli.example');
  for (const name of ['50%Off', '50xOff', 'Snake_Case', 'SnakeXCase', 'Back\\slash', 'Backslash', 'Hopperson']) await customer(name);
  await customer('Ärger', 'Élodie');
  for (const name of MARKED) await customer(name, 'Paged');
  await customer('Qzvmarker-elsewhere', 'Paged', 'burger-barn');
});
afterAll(() => platform?.stop());

describe('what a search matches', () => {
  test('%, _ and \\ in the term are matched as themselves, not as wildcards', async () => {
    expect(await lastNames('50%o')).toEqual(['50%Off']);
    expect(await lastNames('e_c')).toEqual(['Snake_Case']);
    expect(await lastNames('k\\s')).toEqual(['Back\\slash']);
    // Alone, too: no customer's name or email holds a run of them, or starts with one.
    for (const term of ['%%%', '___', '\\\\\\', '%', '_', '\\']) expect(await lastNames(term)).toEqual([]);
  });

  test('three characters or more match anywhere in the name or the email, in any case', async () => {
    expect(await lastNames('OPPERS')).toEqual(['Hopperson']);
    expect(await lastNames('pperso')).toEqual(['Hopperson']);
    // The full name, across its space.
    expect(await lastNames('able hop')).toEqual(['Hopperson']);
    // The email (the demo customer's), anywhere in it.
    expect((await search('a@napoli.exam')).edges.map((e) => e.node.email)).toEqual(['ada@napoli.example']);
  });

  test('letters beyond ASCII match in any case too (the database folds the term and the name alike)', async () => {
    expect(await lastNames('élodie')).toEqual(['Ärger']);
    expect(await lastNames('ÄRGER')).toEqual(['Ärger']);
    expect(await lastNames('ÉLODIE ärg')).toEqual(['Ärger']);
    // Short terms, at a word's start.
    expect(await lastNames('är')).toEqual(['Ärger']);
    expect(await lastNames('Él')).toEqual(['Ärger']);
  });

  test('one or two characters match the start of the email or of a word of the name', async () => {
    // "ho" starts Hopperson (a word of the name); "op" is inside it, and starts nothing.
    expect(await lastNames('ho')).toContain('Hopperson');
    expect(await lastNames('op')).not.toContain('Hopperson');
    const q = await search('Q');
    expect(q.edges.map((e) => e.node.lastName).sort()).toEqual(MARKED);
    expect(q.totalCount).toBe(5);
    // Every test customer's email begins with "te" (test-…@example.com); nobody else's email or name word does.
    const te = await search('te');
    expect(te.totalCount).toBe(13);
    expect(te.edges.every((e) => e.node.email.startsWith('test-'))).toBe(true);
  });

  test("only the staff's own store, paged newest first, with the total on every page", async () => {
    const pages = await everyPage('zvmarker', 2);
    expect(pages.map((p) => p.edges.length)).toEqual([2, 2, 1]);
    expect(pages.every((p) => p.totalCount === 5)).toBe(true);
    // Registered one after the other: newest first, and burger-barn's is not there.
    expect(pages.flatMap((p) => p.edges.map((e) => e.node.lastName))).toEqual([...MARKED].reverse());
    const burgerBarn = await platform.login('staff@burgerbarn.example', 'burger-barn');
    const theirs = await search('zvmarker', 100, null, burgerBarn);
    expect(theirs.edges.map((e) => e.node.lastName)).toEqual(['Qzvmarker-elsewhere']);
    expect(theirs.totalCount).toBe(1);
  });
});

describe('on a store with many customers', () => {
  const MANY = 20_000;

  beforeAll(async () => {
    // Many customers at napoli, written straight to the table (a search needs no events; the
    // trigger of migration 0012 adds their customer_search rows). VACUUM moves the new entries from
    // the GIN indexes' pending lists into the indexes (as autovacuum, or npm run seed:scale, does);
    // ANALYZE tells the planner how big the tables are now.
    await platform.databases.customers.execute(sql`
      insert into customers.customers (store_id, email, first_name, last_name, role, created_at, updated_at)
      select s.id, 'bulk.' || g || '.' || md5(g::text) || '@example.com',
             (array['Giulia', 'Marco', 'Sofia', 'Luca', 'Chiara', 'Matteo'])[1 + g % 6],
             (array['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo'])[1 + g % 7] || g,
             'CUSTOMER', now() - g * interval '1 minute', now()
      from generate_series(1, ${MANY}) g, customers.stores s where s.slug = 'napoli'`);
    await platform.databases.customers.execute(sql`vacuum analyze customers.customers`);
    await platform.databases.customers.execute(sql`vacuum analyze customers.customer_search`);
  });

  /** Every statement the customers subgraph runs for one request through the gateway, in order, with their parameters, and the answer. */
  async function capture<T>(query: string, variables: Record<string, unknown>) {
    const counter = platform.subgraphs.customers.statements;
    const seen: { query: string; params: unknown[] }[] = [];
    const original = counter.logQuery.bind(counter);
    counter.logQuery = (text: string, params?: unknown[]) => {
      seen.push({ query: text, params: params ?? [] });
      original(text);
    };
    try {
      const result = await platform.gql<T>(query, variables, staff);
      expect(result.errors).toBeUndefined();
      return { seen, data: result.data! };
    } finally {
      counter.logQuery = original;
    }
  }

  /** The statements the customers subgraph runs on its customers (or customer_search) table for one request through the gateway, with their parameters. */
  async function statementsOf(variables: Record<string, unknown>, which = /\blike\b/i, query = PAGE) {
    const { seen } = await capture(query, variables);
    return seen.filter((s) => /^select/i.test(s.query) && /from "customers"\."customer(s|_search)"/.test(s.query) && which.test(s.query));
  }

  /** The plan the database makes for a statement, as text; with `settings`, after that statement, in one transaction. */
  async function plan(statement: { query: string; params: unknown[] }, settings?: string): Promise<string> {
    const client = (platform.databases.customers as unknown as { $client: any }).$client;
    const text = `explain ${statement.query}`;
    const rows: Record<string, string>[] =
      platform.databaseKind === 'pglite'
        ? await client.transaction(async (tx: any) => {
            if (settings) await tx.query(settings);
            return (await tx.query(text, statement.params)).rows;
          })
        : await client.begin(async (tx: any) => {
            if (settings) await tx.unsafe(settings);
            return tx.unsafe(text, statement.params);
          });
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  /**
   * The page and the total of a search both use a trigram index: the page one of the customers',
   * the exact total `count` (by default customer_search's, for a term of three characters or more).
   * A term of three characters or more (`walked`) first looks for its page in customer_search's
   * keyset index; a term this rare finds too few there, so the page is then read as before.
   */
  async function expectTrigramPlans(term: string, index: RegExp, count = /customer_search_text_trgm_idx/, walked = true) {
    const statements = await statementsOf({ search: term, first: 20, after: null });
    expect(statements.length).toBe(walked ? 3 : 2);
    const counting = statements.filter((st) => /^select count\(/i.test(st.query));
    expect(counting.length).toBe(1);
    for (const statement of statements) {
      const chosen = await plan(statement);
      if (counting.includes(statement)) expect(chosen, chosen).toMatch(count);
      else if (/customer_search/.test(statement.query)) expect(chosen, chosen).toMatch(/Index Only Scan using customer_search_keyset_idx/);
      else expect(chosen, chosen).toMatch(index);
    }
  }

  test('a search of three letters or more is answered by the trigram indexes, and right', async () => {
    // One customer among the many, by a piece of their email (a piece of an md5), and by their name.
    const target = 12_345;
    const [{ piece } = { piece: '' }] = await rows<{ piece: string }>(sql`select substr(md5(${String(target)}), 5, 8) as piece`);
    expect(piece).toHaveLength(8);
    const found = await search(piece, 20);
    expect(found.totalCount).toBe(1);
    expect(found.edges[0]!.node.email).toContain(`bulk.${target}.`);
    await expectTrigramPlans(piece, /customers_(email|name)_lower_trgm_idx/);

    // 12345 % 6 = 3 (Luca), % 7 = 4 (Bianchi): "uca Bianchi12345" is within one full name only.
    const byName = await search('uca Bianchi12345', 20);
    expect(byName.edges.map((e) => `${e.node.firstName} ${e.node.lastName}`)).toEqual(['Luca Bianchi12345']);
    await expectTrigramPlans('uca Bianchi12345', /customers_name_lower_trgm_idx/);
  });

  test('a search of one or two letters is answered by the trigram indexes too (at a word start)', async () => {
    // "qz" starts the last names of the five customers registered above, and nothing else.
    const found = await search('qz', 20);
    expect(found.totalCount).toBe(5);
    expect(found.edges.map((e) => e.node.lastName)).toEqual([...MARKED].reverse());
    await expectTrigramPlans('qz', /customers_(email|name)_lower_trgm_idx/, /customers_(email|name)_lower_trgm_idx/, false);
  });

  test('a search that matches many is exact across every page', async () => {
    const [{ n } = { n: -1 }] = await rows<{ n: number }>(
      sql`select count(*)::int as n from customers.customers c join customers.stores s on s.id = c.store_id
          where s.slug = 'napoli' and c.role = 'CUSTOMER'
            and (lower(c.email) like '%romano1%' or lower(c.first_name || ' ' || c.last_name) like '%romano1%')`,
    );
    expect(n).toBeGreaterThan(1000);
    const pages = await everyPage('romano1', 100);
    const ids = new Set(pages.flatMap((p) => p.edges.map((e) => e.node.id)));
    expect(ids.size).toBe(n);
    expect(pages.every((p) => p.totalCount === n)).toBe(true);
    expect(pages.flatMap((p) => p.edges).every((e) => /romano1/i.test(`${e.node.email} ${e.node.firstName} ${e.node.lastName}`))).toBe(
      true,
    );
  });

  test('countUpTo stops counting at its limit: AT_LEAST the limit when more match, EXACT when fewer, and its statement reads no more than limit + 1 rows', async () => {
    const COUNTED = `query ($search: String, $limit: Int) {
      customers(first: 5, search: $search) { totalCount countUpTo(limit: $limit) { count precision } }
    }`;
    const counted = async (search: string, limit?: number) => {
      const result = await platform.gql<{ customers: { totalCount: number; countUpTo: { count: number; precision: string } } }>(
        COUNTED,
        { search, limit },
        staff,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.customers;
    };
    const many = await counted('romano1', 50);
    expect(many.totalCount).toBeGreaterThan(1000);
    expect(many.countUpTo).toEqual({ count: 50, precision: 'AT_LEAST' });
    expect((await counted('romano1')).countUpTo).toEqual({ count: 100, precision: 'AT_LEAST' });
    expect((await counted('romano1', 10_000)).countUpTo).toEqual({ count: many.totalCount, precision: 'EXACT' });
    // Exactly the limit is every match, not "at least".
    const few = await counted('qz', 5);
    expect(few).toEqual({ totalCount: 5, countUpTo: { count: 5, precision: 'EXACT' } });
    expect((await counted('qz', 4)).countUpTo).toEqual({ count: 4, precision: 'AT_LEAST' });

    // The bounded count's own statements, run on their own: each stops at limit + 1 rows, however many match.
    const statements = await statementsOf({ search: 'romano1', limit: 50 }, /count\(/i, COUNTED);
    const bounded = statements.filter((st) => /limit/i.test(st.query));
    expect(bounded.length, statements.map((st) => st.query).join('\n')).toBeGreaterThan(0);
    const client = (platform.databases.customers as unknown as { $client: any }).$client;
    const counts: number[] = [];
    for (const st of bounded) {
      const result =
        platform.databaseKind === 'pglite' ? (await client.query(st.query, st.params)).rows : await client.unsafe(st.query, st.params);
      counts.push(Number(Object.values(result[0] as Record<string, unknown>)[0]));
    }
    expect(counts.every((n) => n <= 51)).toBe(true);
    expect(counts.at(-1)).toBe(51);
  });

  test("a bounded count of a search reads the store's newest customers first, and goes to the trigram indexes only for a rarer term", async () => {
    // The planner prices the match far below its cost, so with a LIMIT it would rather read the
    // table until enough rows match, however rare the term; the trigram indexes collect every match
    // first, however common. So: the newest 20 × limit customers, then the indexes, forced.
    const COUNTED = 'query ($search: String) { customers(first: 5, search: $search) { countUpTo(limit: 50) { count precision } } }';
    /** Every statement the customers subgraph runs for the request, in order, and its count. */
    const everyStatement = async (search: string) => {
      const { seen, data } = await capture<{ customers: { countUpTo: { count: number; precision: string } } }>(COUNTED, { search });
      return { seen, countUpTo: data.customers.countUpTo };
    };
    const counting = (seen: { query: string; params: unknown[] }[]) => seen.filter((st) => /^select count\(/i.test(st.query));

    // In every bulk customer's email: the newest 1,020 (20 × limit + 1) hold 51 at once, in customer_search's keyset index
    // alone, and the trigram indexes are not asked.
    const common = await everyStatement('bulk');
    expect(common.countUpTo).toEqual({ count: 50, precision: 'AT_LEAST' });
    expect(common.seen.some((st) => /set_config/.test(st.query))).toBe(false);
    const [newest] = counting(common.seen);
    expect(newest!.params).toContain(1020);
    const newestPlan = await plan(newest!);
    expect(newestPlan, newestPlan).toMatch(/Index Only Scan using customer_search_keyset_idx/);
    expect(newestPlan, newestPlan).not.toMatch(/\bSort\b|trgm/);

    // 'romano1' is in few of the newest 1,020 (about 16): then the trigram indexes, with scans in order off.
    const rare = await everyStatement('romano1');
    expect(rare.countUpTo).toEqual({ count: 50, precision: 'AT_LEAST' });
    const listed = rare.seen.map((st) => st.query).join('\n');
    const at = rare.seen.findIndex((st) => /set_config/.test(st.query));
    expect(at, listed).toBeGreaterThan(0);
    expect(rare.seen[at]!.query).toMatch(/enable_seqscan.*off.*enable_indexscan.*off/);
    const bounded = rare.seen[at + 1]!;
    expect(bounded.query, listed).toMatch(/^select count\(.*limit/i);
    const text = await plan(bounded, rare.seen[at]!.query);
    expect(text, text).toMatch(/customers_(email|name)_lower_trgm_idx/);
    expect(text, text).not.toMatch(/Seq Scan|Index Scan using customers_store/);

    // A short search (one or two letters) matches many: its count keeps the planner's choice.
    const short = await everyStatement('qz');
    expect(counting(short.seen)).toHaveLength(1);
    expect(short.seen.some((st) => /set_config/.test(st.query))).toBe(false);
  });

  test("the store's list is read in its keyset index's order, the first page and a deep one alike (nothing sorts every customer)", async () => {
    const listing = /order by/i;
    const [first] = await statementsOf({ search: null, first: 50, after: null }, listing);
    const firstPlan = await plan(first!);
    expect(firstPlan, firstPlan).toMatch(/Index Scan using customers_store_created_idx/);
    expect(firstPlan, firstPlan).not.toMatch(/Sort/);

    // The 10,001st customer and on: the scan starts at the cursor (an index condition), not at the top.
    const [position] = await rows<{ created_at: string | Date; id: string }>(
      sql`select c.created_at, c.id from customers.customers c join customers.stores s on s.id = c.store_id
          where s.slug = 'napoli' and c.role = 'CUSTOMER' order by c.created_at desc, c.id desc offset 9999 limit 2`,
    );
    const [, expectedFirst] = await rows<{ id: string }>(
      sql`select c.id from customers.customers c join customers.stores s on s.id = c.store_id
          where s.slug = 'napoli' and c.role = 'CUSTOMER' order by c.created_at desc, c.id desc offset 9999 limit 2`,
    );
    const after = encodeCursor({ createdAt: new Date(position!.created_at), id: position!.id });
    const page = await search('', 50, after);
    expect(page.edges[0]!.node.id).toBe(expectedFirst!.id);
    const [deep] = await statementsOf({ search: null, first: 50, after }, listing);
    const deepPlan = await plan(deep!);
    expect(deepPlan, deepPlan).toMatch(/Index Cond: \(\(store_id = .*created_at <= /s);
    expect(deepPlan, deepPlan).not.toMatch(/Sort/);
  });

  test("a page of a common term is found in customer_search's keyset index alone, from the cursor on, and is the page the customers' rows give", async () => {
    // 'romano1' is in about 1.6% of the store: its 21 rows (a page of 20 and one to tell of the next)
    // are among the newest 5,250 entries, so the page takes one statement, the customers by their ids.
    const direct = async (after: { createdAt: string; id: string } | null) =>
      rows<{ id: string }>(
        sql`select c.id from customers.customers c join customers.stores s on s.id = c.store_id
            where s.slug = 'napoli' and c.role = 'CUSTOMER'
              and (lower(c.email) like '%romano1%' or lower(c.first_name || ' ' || c.last_name) like '%romano1%')
              ${after ? sql`and (c.created_at, c.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``}
            order by c.created_at desc, c.id desc limit 20`,
      );
    const first = await search('romano1', 20);
    expect(first.edges.map((e) => e.node.id)).toEqual((await direct(null)).map((r) => r.id));
    const statements = await statementsOf({ search: 'romano1', first: 20, after: null }, /order by/i);
    expect(statements.map((st) => st.query.match(/from "customers"\."customer(s|_search)"/)![0])).toEqual(['from "customers"."customers"']);
    const walk = await plan(statements[0]!);
    expect(walk, walk).toMatch(/Index Only Scan using customer_search_keyset_idx/);
    expect(walk, walk).not.toMatch(/trgm|Seq Scan/);

    // Ten pages on: the walk starts at the cursor (an index condition), and the page is still the customers' own.
    let page = first;
    for (let i = 0; i < 10; i++) page = await search('romano1', 20, page.pageInfo.endCursor);
    const last = page.edges.at(-1)!.node;
    const [position] = await rows<{ created_at: string }>(sql`select created_at::text from customers.customers where id = ${last.id}`);
    const next = await search('romano1', 20, page.pageInfo.endCursor);
    expect(next.edges.map((e) => e.node.id)).toEqual((await direct({ createdAt: position!.created_at, id: last.id })).map((r) => r.id));
    const [deep] = await statementsOf({ search: 'romano1', first: 20, after: page.pageInfo.endCursor }, /order by/i);
    const deepPlan = await plan(deep!);
    expect(deepPlan, deepPlan).toMatch(/Index Only Scan using customer_search_keyset_idx.*Index Cond: \(\(store_id = .*created_at <= /s);
  });
});

describe("the exact count's customer_search follows every change of a customer", () => {
  const COUNTED = `query ($search: String) {
    customers(first: 100, search: $search) { totalCount countUpTo { count precision } edges { node { id } } }
  }`;

  /** The ids a search lists, after checking that its exact total and its countUpTo say as many. */
  async function listed(term: string): Promise<string[]> {
    const result = await platform.gql<{
      customers: { totalCount: number; countUpTo: { count: number; precision: string }; edges: { node: { id: string } }[] };
    }>(COUNTED, { search: term }, staff);
    expect(result.errors).toBeUndefined();
    const { totalCount, countUpTo, edges } = result.data!.customers;
    expect({ term, totalCount, countUpTo: countUpTo.count }).toEqual({ term, totalCount: edges.length, countUpTo: edges.length });
    return edges.map((e) => e.node.id);
  }

  test('a registration, an account of the staff, a change of name and an erasure: the total always counts what the list shows', async () => {
    const person = await platform.register('napoli', { firstName: 'Wobbegong', lastName: 'Tasselled' });
    expect(await listed('wobbegong')).toEqual([person.id]);
    expect(await listed('obbegong tassel')).toEqual([person.id]);

    // A staff account of the same name is no customer of the list, nor of its count.
    const admin = await platform.login('admin@napoli.example');
    const staffAccount = await platform.gql(
      'mutation ($input: CreateStoreAccountInput!) { createStoreAccount(input: $input) { id } }',
      {
        input: {
          role: 'STAFF',
          email: 'wobbegong.staff@napoli.example',
          password: 'correct horse battery',
          firstName: 'Wobbegong',
          lastName: 'Staffer',
        },
      },
      admin,
    );
    expect(staffAccount.errors).toBeUndefined();
    expect(await listed('wobbegong')).toEqual([person.id]);

    const renamed = await platform.gql('mutation { updateMe(input: { lastName: "Ornate" }) { lastName } }', {}, person.token);
    expect(renamed.errors).toBeUndefined();
    expect(await listed('tasselled')).toEqual([]);
    expect(await listed('wobbegong ornate')).toEqual([person.id]);

    // customer_search joins the email and the name with a newline: a term that holds one is not
    // counted there (it would match across the two), and matches nothing, as in the list.
    expect(await listed(`example.com\nwobbegong`)).toEqual([]);

    const erased = await platform.gql(
      'mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { customerId } }',
      { input: { password: 'correct horse battery' } },
      person.token,
    );
    expect(erased.errors).toBeUndefined();
    expect(await listed('wobbegong')).toEqual([]);
    expect(await listed('ornate')).toEqual([]);

    // Every customer of every store has its row, with what the search matches and orders by on the customers' own.
    const [{ n } = { n: -1 }] = await rows<{ n: number }>(sql`
      select count(*)::int as n from customers.customers c full join customers.customer_search s on s.customer_id = c.id
      where s.customer_id is null or c.id is null or s.store_id <> c.store_id or s.role <> c.role or s.created_at <> c.created_at
         or s.search_text <> lower(c.email) || E'\n' || lower((c.first_name || ' ' || c.last_name))`);
    expect(n).toBe(0);
  });
});
