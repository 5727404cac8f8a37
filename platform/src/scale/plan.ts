import { type SQL, sql } from 'drizzle-orm';
import type { BulkRows } from '@supergraph/service-kit';

/**
 * The rows `npm run seed:scale` adds to a store, as SQL that computes them: every value is a
 * function of the run's parameters and the row's number alone (hashes of `run:…:<n>`, no
 * random()), so each subgraph's database, given the same parameters, computes the very same
 * customers and orders, whether the subgraphs share one database or have one each. Each
 * subgraph's `seedScale` selects the columns it keeps from these rows.
 */

/** What the run adds, and to what: the store as the customers and orders subgraphs describe it. */
export interface ScaleStore {
  id: string;
  slug: string;
  currency: string;
  deliveryFeeCents: number;
  /** The items on the menu now (orders copy their names and prices, as placing an order does). */
  menu: { id: string; name: string; priceCents: number }[];
  /** The store's drivers, who delivered the orders out for delivery or delivered. */
  drivers: string[];
  /** Where its customers live (their addresses, and the orders' delivery addresses). */
  city: string;
  country: string;
}

export interface ScalePlan {
  /** A short id of this run, in every seeded customer's email: a second run adds other people. */
  run: string;
  /** The moment the run happens at: nothing seeded is after it. */
  now: Date;
  store: ScaleStore;
  customers: BulkRows;
  orders: BulkRows;
}

// Display names and their ASCII form for email addresses: Italian (the demo's first store is in
// Napoli) and from elsewhere, with apostrophes, particles and accents, as real lists have.
const FIRST_NAMES = (
  'Ada,Adamo,Adele,Alessandro,Alessia,Andrea,Anna,Antonio,Aurora,Beatrice,Bianca,Camilla,Carlo,' +
  'Caterina,Chiara,Cristina,Daniele,Davide,Domenico,Elena,Elisa,Emma,Enrico,Fabio,Federica,' +
  'Francesca,Francesco,Gabriele,Gaia,Giacomo,Giorgia,Giovanni,Giulia,Giuseppe,Greta,Ilaria,' +
  'Irene,Leonardo,Lorenzo,Luca,Lucia,Ludovica,Marco,Maria,Martina,Matteo,Mattia,Michele,Nicola,' +
  'Niccolò,Noemi,Paolo,Pietro,Riccardo,Roberta,Salvatore,Sara,Simone,Sofia,Stefano,Tommaso,' +
  'Valentina,Vincenzo,Vittoria,Adam,Amélie,Björn,Chloé,Fatima,Hannah,Hiroshi,Ingrid,José,Kwame,' +
  'Liam,Mei,Noah,Olivia,Priya,Rafael,Sean,Zoë'
).split(',');
const LAST_NAMES = (
  'Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,' +
  'De Luca,Mancini,Costa,Giordano,Rizzo,Lombardi,Moretti,Barbieri,Fontana,Santoro,Mariani,' +
  'Rinaldi,Caruso,Ferrara,Galli,Martini,Leone,Longo,Gentile,Martinelli,Vitale,Lombardo,Serra,' +
  "Coppola,De Santis,D'Angelo,Marchetti,Parisi,Villa,Conte,Ferraro,Ferri,Fabbri,Bianco,Marini," +
  'Grasso,Valentini,Messina,Sala,De Angelis,Gatti,Pellegrini,Palumbo,Sanna,Farina,Rizzi,Monti,' +
  'Cattaneo,Morelli,Amato,Silvestri,Mazza,Testa,Grassi,Pellegrino,Carbone,Giuliani,Benedetti,' +
  "Barone,Rossetti,Caputo,Montanari,Guerra,Palmieri,Bernardi,Martino,Fiore,O'Brien,Müller," +
  'García,Nguyen,van der Berg,Kowalski,Okafor,Tanaka,Lovelace,Estrada,Posadas,Andersson'
).split(',');
const DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'posta.example', 'inbox.example'];
/** Streets and the start of a mobile number, by country (the demo stores' three, and the rest). */
const PLACES: Record<string, { streets: string[]; phone: string; digits: number }> = {
  IT: {
    streets: ['Via Roma', 'Via Toledo', 'Corso Umberto I', 'Via dei Tribunali', 'Via Chiaia', 'Piazza Dante', 'Via Foria'],
    phone: '+39 3',
    digits: 9,
  },
  GB: { streets: ['High Street', 'Station Road', 'Church Lane', 'Park Road', 'Victoria Road', 'Mill Lane'], phone: '+44 7', digits: 9 },
  US: {
    streets: ['Main Street', 'Oak Avenue', 'Maple Drive', 'Congress Avenue', 'Lamar Boulevard', 'Elm Street'],
    phone: '+1 555 ',
    digits: 7,
  },
};
const LANGUAGES = ['en', 'en', 'it', 'it', 'it', 'de', 'fr', 'es'];

/** A name as an email address has it: lower case, no accents, letters only ("D'Angelo" → "dangelo"). */
export const emailPart = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/**
 * Every basket an order can be: 1 to 3 consecutive items of the menu from each starting item,
 * each 1 to 3 times, priced as placing an order prices them (the menu's price, integer minor
 * units). Computed once per run; each order takes one by its hash.
 */
export function baskets(menu: ScaleStore['menu']) {
  const all: { items: object[]; subtotal: number }[] = [];
  for (let start = 0; start < menu.length; start += 1) {
    for (let n = 1; n <= Math.min(3, menu.length); n += 1) {
      for (let q = 0; q < 27; q += 1) {
        const items = Array.from({ length: n }, (_, j) => {
          const item = menu[(start + j) % menu.length]!;
          const quantity = 1 + (Math.floor(q / 3 ** j) % 3);
          return {
            menuItemId: item.id,
            name: item.name,
            unitPriceCents: item.priceCents,
            quantity,
            lineTotalCents: item.priceCents * quantity,
          };
        });
        all.push({ items, subtotal: items.reduce((sum, line) => sum + line.lineTotalCents, 0) });
      }
    }
  }
  return all;
}

// Pieces of the hash of a row: `hex7(h, n)` is its n-th run of 7 hex digits (0 ≤ value < 2^28),
// `unit(h, n)` the same as a fraction in [0, 1), `uuid4(h)` the hash as a version-4 UUID.
const hex7 = (h: string, n: number) => `(('x' || substr(${h}, ${1 + 7 * n}, 7))::bit(28)::int)`;
const unit = (h: string, n: number) => `(${hex7(h, n)}::float8 / 268435456)`;
const uuid4 = (h: string) => `(overlay(overlay(${h} placing '4' from 13) placing '8' from 17)::uuid)`;

/** The run's parameters, one JSON value, as the row `p` every range reads. */
function parameters(plan: Omit<ScalePlan, 'customers' | 'orders'>, customers: number): SQL {
  const { store } = plan;
  const json = JSON.stringify({
    run: plan.run,
    now: plan.now.toISOString(),
    customers,
    storeId: store.id,
    currency: store.currency,
    fee: store.deliveryFeeCents,
    city: store.city,
    country: store.country,
    firstNames: FIRST_NAMES,
    firstAscii: FIRST_NAMES.map(emailPart),
    lastNames: LAST_NAMES,
    lastAscii: LAST_NAMES.map(emailPart),
    domains: DOMAINS,
    streets: (PLACES[store.country] ?? PLACES.US!).streets,
    phone: (PLACES[store.country] ?? PLACES.US!).phone,
    phoneDigits: (PLACES[store.country] ?? PLACES.US!).digits,
    languages: LANGUAGES,
    drivers: store.drivers,
    baskets: baskets(store.menu),
  });
  const texts = (key: string) => sql.raw(`array(select jsonb_array_elements_text(j -> '${key}'))`);
  return sql`
    select j ->> 'run' as run, (j ->> 'now')::timestamptz as now, (j ->> 'customers')::int as customers,
           (j ->> 'storeId')::uuid as store_id, j ->> 'currency' as currency, (j ->> 'fee')::int as fee,
           j ->> 'city' as city, j ->> 'country' as country, j ->> 'phone' as phone, (j ->> 'phoneDigits')::int as phone_digits,
           ${texts('firstNames')} as first_names, ${texts('firstAscii')} as first_ascii,
           ${texts('lastNames')} as last_names, ${texts('lastAscii')} as last_ascii,
           ${texts('domains')} as domains, ${texts('streets')} as streets, ${texts('languages')} as languages,
           array(select jsonb_array_elements_text(j -> 'drivers')::uuid) as drivers,
           j -> 'baskets' as baskets, jsonb_array_length(j -> 'baskets') as nbaskets
    from (select ${json}::jsonb as j) as params`;
}

/**
 * One step of a row's computation: the columns of `inner` and `columns` computed from them, as a
 * subquery PostgreSQL evaluates once per row. PostgreSQL has no common subexpressions: a value
 * used by many expressions (a hash, a status) would be computed again in each of them were the
 * steps merged into one query (OFFSET 0 keeps each its own), and a lateral subquery would cost a
 * cache lookup per row. The run's parameters are the one-row `p`.
 */
const step = (inner: string, columns: string) => `(select x.*, ${columns} from ${inner} as x cross join p offset 0)`;

/**
 * Customer number `k` of the run, as columns prefixed `c_` computed from `inner` (which has `k`):
 * its id, registration (1 to 760 days before the run), name, email, phone, language, consent and
 * address.
 */
function customerSteps(inner: string): string {
  const hashed = step(inner, `md5(p.run || ':customer:' || x.k) as c_h, md5(p.run || ':customer+:' || x.k) as c_h2`);
  const picked = step(
    hashed,
    `1 + ${hex7('x.c_h', 1)} % cardinality(p.first_names) as c_fi, 1 + ${hex7('x.c_h', 2)} % cardinality(p.last_names) as c_li`,
  );
  return step(
    picked,
    `${uuid4('x.c_h')} as c_id,
     date_trunc('milliseconds', p.now - (1 + ${unit('x.c_h', 0)} * 759) * interval '1 day') as c_created_at,
     p.first_names[x.c_fi] as c_first_name, p.last_names[x.c_li] as c_last_name,
     p.first_ascii[x.c_fi] || '.' || p.last_ascii[x.c_li] || '.' || x.k || '.' || p.run || '@'
       || p.domains[1 + ${hex7('x.c_h', 3)} % cardinality(p.domains)] as c_email,
     case when ${unit('x.c_h2', 0)} < 0.7
          then p.phone || lpad((${hex7('x.c_h2', 1)}::bigint * 7 % (10 ^ p.phone_digits)::bigint)::text, p.phone_digits, '0') end as c_phone,
     p.languages[1 + ${hex7('x.c_h2', 2)} % cardinality(p.languages)] as c_language,
     ${unit('x.c_h2', 3)} < 0.4 as c_consent,
     (1 + ${hex7('x.c_h2', 0)} % 200) || ' ' || p.streets[1 + (${hex7('x.c_h2', 0)} / 200) % cardinality(p.streets)] as c_line1,
     lpad((10000 + (${hex7('x.c_h2', 3)} / 7) % 90000)::text, 5, '0') as c_postal_code`,
  );
}

/** Customers `from` to `to - 1` of the run, with the columns CustomersScaleData names. */
function customerRange(params: SQL, from: number, to: number): SQL {
  const numbers = `(select g.k from generate_series(${Number(from)}, ${Number(to) - 1}) as g(k))`;
  return sql`
    with p as materialized (${params})
    select r.c_id as id, p.store_id, r.c_email as email, r.c_first_name as first_name, r.c_last_name as last_name, r.c_phone as phone,
           r.c_language as preferred_language, r.c_consent as marketing_consent, r.c_created_at as created_at,
           r.c_line1 as line1, p.city, r.c_postal_code as postal_code, p.country
    from ${sql.raw(customerSteps(numbers))} as r cross join p`;
}

/** Minutes from placing an order to its last change, by where it is now. */
const MINUTES_TO = `case x.status when 'PENDING_PAYMENT' then 0 when 'CONFIRMED' then 1 when 'ACCEPTED' then 5 when 'PREPARING' then 10
  when 'OUT_FOR_DELIVERY' then 25 when 'DELIVERED' then 40 else 3 end`;

/**
 * Orders `from` to `to - 1` of the run, with every column the orders, payments and analytics loads
 * name. Each order's customer is one of the run's (some order far more than others), placed
 * between their registration and the run. Orders of the last 6 hours are anywhere on their way
 * (waiting for payment, confirmed, accepted, preparing, out for delivery, delivered), older ones
 * delivered; 6% are cancelled, half of those after payment (refunded in full). Of the delivered,
 * 2% got a fifth back (a partial refund); of those waiting for payment, 30% had a card declined.
 */
function orderRange(params: SQL, from: number, to: number): SQL {
  const hashed = `(select g.i, md5(p.run || ':order:' || g.i) as h1, md5(p.run || ':order+:' || g.i) as h2
    from generate_series(${Number(from)}, ${Number(to) - 1}) as g(i) cross join p offset 0)`;
  const owned = step(hashed, `least(p.customers - 1, floor(p.customers * power(${unit('x.h1', 0)}, 1.3::float8)))::int as k`);
  const placed = step(
    customerSteps(owned),
    `date_trunc('milliseconds', x.c_created_at + ${unit('x.h1', 1)} * (p.now - x.c_created_at)) as placed_at,
     ${unit('x.h1', 2)} as roll, ${hex7('x.h1', 3)} % p.nbaskets as basket,
     ${unit('x.h2', 0)} as money_roll, ${unit('x.h2', 1)} as card_roll`,
  );
  const statused = step(
    placed,
    `case when x.roll < 0.06 then 'CANCELLED'
          when p.now - x.placed_at > interval '6 hours' then 'DELIVERED'
          else (array['PENDING_PAYMENT', 'CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED'])[1 + least(5, floor((x.roll - 0.06) / 0.94 * 6)::int)]
     end as status,
     p.baskets -> x.basket -> 'items' as items, (p.baskets -> x.basket ->> 'subtotal')::int + p.fee as total`,
  );
  const settled = step(
    statused,
    `least(p.now, x.placed_at + (${MINUTES_TO}) * interval '1 minute') as updated_at,
     x.status not in ('PENDING_PAYMENT', 'CANCELLED') or (x.status = 'CANCELLED' and x.money_roll < 0.5) as paid,
     x.status = 'PENDING_PAYMENT' and x.money_roll < 0.3 as declined,
     x.status = 'DELIVERED' and x.money_roll >= 0.98 as partly`,
  );
  const refunding = step(settled, `x.paid and (x.status = 'CANCELLED' or x.partly) as refunded`);
  return sql`
    with p as materialized (${params})
    select ${sql.raw(uuid4('r.h1'))} as id, r.c_id as customer_id, p.store_id, r.status, r.items,
           r.total - p.fee as subtotal_cents, p.fee as delivery_fee_cents, r.total as total_cents, p.currency,
           jsonb_build_object('line1', r.c_line1, 'line2', null, 'city', p.city, 'postalCode', r.c_postal_code, 'country', p.country) as delivery_address,
           case when r.status in ('OUT_FOR_DELIVERY', 'DELIVERED') and cardinality(p.drivers) > 0
                then p.drivers[1 + ${sql.raw(hex7('r.h2', 2))} % cardinality(p.drivers)] end as driver_id,
           case when r.status = 'CANCELLED' then 'Changed their mind' end as cancel_reason,
           r.placed_at, r.updated_at,
           case when r.paid or r.declined then ${sql.raw(uuid4(`md5(p.run || ':payment:' || r.i)`))} end as payment_id,
           case when r.declined then 'FAILED' when not r.paid then null when r.status = 'CANCELLED' then 'REFUNDED'
                when r.partly then 'PARTIALLY_REFUNDED' else 'SUCCEEDED' end as payment_status,
           case when r.declined or (r.paid and r.card_roll < 0.6) then 'visa' when r.paid then 'mastercard' end as method_brand,
           case when r.declined then '0002' when r.paid and r.card_roll < 0.6 then '4242' when r.paid then '4444' end as method_last4,
           case when r.declined then 'The card was declined.' end as failure_reason,
           case when r.paid or r.declined then least(p.now, r.placed_at + interval '1 minute') end as paid_at,
           case when r.paid then r.total else 0 end as paid_cents,
           case when r.refunded then ${sql.raw(uuid4(`md5(p.run || ':refund:' || r.i)`))} end as refund_id,
           case when not r.refunded then 0 when r.status = 'CANCELLED' then r.total else greatest(1, r.total / 5) end as refunded_cents,
           case when r.refunded then case when r.status = 'CANCELLED' then 'Order cancelled' else 'Late delivery' end end as refund_reason,
           case when r.refunded then case when r.status = 'CANCELLED' then 'order-cancelled' else 'seed-partial-refund' end end as refund_key,
           case when r.refunded then case when r.status = 'CANCELLED' then r.updated_at else least(p.now, r.placed_at + interval '2 days') end end as refunded_at
    from ${sql.raw(refunding)} as r cross join p`;
}

/** The run's plan: the store, and its customers and orders as rows any of the subgraphs' databases computes. */
export function scalePlan(options: { run: string; now: Date; store: ScaleStore; customers: number; orders: number }): ScalePlan {
  const head = { run: options.run, now: options.now, store: options.store };
  const params = parameters(head, options.customers);
  return {
    ...head,
    customers: { count: options.customers, range: (from, to) => customerRange(params, from, to) },
    orders: { count: options.orders, range: (from, to) => orderRange(params, from, to) },
  };
}
