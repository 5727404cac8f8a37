import type { CustomersDemoData } from '@supergraph/customers';
import type { OrdersDemoData } from '@supergraph/orders';
import { createRandom } from '@supergraph/service-kit';

/** The password of every demo login. */
export const DEMO_PASSWORD = 'supergraph-demo';

export interface DatasetSize {
  customersPerStore: number;
  /** Orders per customer are drawn from 0 to twice this, so this is the average. */
  averageOrdersPerCustomer: number;
}

/** What `npm start` loads: 3 stores, 300 customers, about 3,000 orders. */
export const DEMO_SIZE: DatasetSize = { customersPerStore: 100, averageOrdersPerCustomer: 10 };

const STORES = [
  {
    slug: 'napoli',
    name: 'Pizzeria Napoli',
    currency: 'EUR',
    deliveryFeeCents: 250,
    country: 'IT',
    city: 'Napoli',
    domain: 'napoli.example',
    menu: [
      ['Pizza', 'Margherita', 'Tomato, mozzarella, basil.', 850],
      ['Pizza', 'Diavola', 'Tomato, mozzarella, spicy salami.', 1050],
      ['Pizza', 'Quattro Formaggi', 'Four cheeses, no tomato.', 1150],
      ['Pasta', 'Spaghetti Carbonara', 'Egg, pecorino, guanciale.', 1200],
      ['Pasta', 'Penne Arrabbiata', 'Tomato, garlic, chilli.', 950],
      ['Dessert', 'Tiramisù', 'Mascarpone, coffee, cocoa.', 600],
      ['Drinks', 'Limonata', 'Sparkling lemonade, 33 cl.', 350],
    ],
  },
  {
    slug: 'burger-barn',
    name: 'Burger Barn',
    currency: 'USD',
    deliveryFeeCents: 399,
    country: 'US',
    city: 'Austin',
    domain: 'burgerbarn.example',
    menu: [
      ['Burgers', 'Classic Burger', 'Beef, cheddar, pickles.', 1099],
      ['Burgers', 'Smoky BBQ Burger', 'Beef, bacon, barbecue sauce.', 1399],
      ['Burgers', 'Veggie Burger', 'Black bean patty, avocado.', 1199],
      ['Sides', 'Fries', 'Skin-on, sea salt.', 449],
      ['Sides', 'Onion Rings', 'Beer-battered.', 549],
      ['Drinks', 'Milkshake', 'Vanilla, chocolate or strawberry.', 599],
    ],
  },
  {
    slug: 'curry-corner',
    name: 'Curry Corner',
    currency: 'GBP',
    deliveryFeeCents: 299,
    country: 'GB',
    city: 'London',
    domain: 'currycorner.example',
    menu: [
      ['Curries', 'Chicken Tikka Masala', 'Creamy tomato sauce.', 1195],
      ['Curries', 'Lamb Rogan Josh', 'Slow-cooked, aromatic.', 1395],
      ['Curries', 'Chana Masala', 'Chickpeas, vegan.', 950],
      ['Rice & Bread', 'Pilau Rice', 'Basmati, saffron.', 350],
      ['Rice & Bread', 'Garlic Naan', 'From the tandoor.', 325],
      ['Drinks', 'Mango Lassi', 'Yoghurt, mango.', 395],
    ],
  },
] as const;

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Radia',
  'Edsger',
  'Frances',
  'Tim',
  'Hedy',
  'Donald',
  'Katherine',
  'John',
  'Sophie',
  'Yukihiro',
  'Anita',
  'Guido',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Perlman',
  'Dijkstra',
  'Allen',
  'Berners-Lee',
  'Lamarr',
  'Knuth',
  'Johnson',
  'McCarthy',
  'Wilson',
  'Matsumoto',
  'Borg',
  'van Rossum',
];
const STREETS = ['Main Street', 'High Street', 'Via Roma', 'Elm Avenue', 'Station Road', 'Park Lane', 'Mill Road', 'Church Street'];
const LANGUAGES = ['en', 'en', 'en', 'it', 'de', 'fr', 'es'];

/** The newest demo data is from this moment; everything else is before it. Fixed, so runs agree. */
const NOW = Date.parse('2026-11-01T12:00:00.000Z');
const DAY = 86_400_000;

export interface DemoLogin {
  role: 'CUSTOMER' | 'STAFF' | 'DRIVER' | 'ADMIN';
  storeSlug: string;
  email: string;
}

type OrderStatus = 'PENDING_PAYMENT' | 'CONFIRMED' | 'ACCEPTED' | 'PREPARING' | 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'CANCELLED';

/** What happens to a demo order after it is placed: whether it gets paid, and where it ends up. */
export interface DemoOrderFate {
  orderId: string;
  paid: boolean;
  status: OrderStatus;
}

export interface Dataset {
  customers: CustomersDemoData;
  orders: OrdersDemoData;
  fates: DemoOrderFate[];
  logins: DemoLogin[];
}

/** Old orders are settled; recent ones may still be in flight. */
function statusFor(ageDays: number, roll: number): OrderStatus {
  if (roll < 0.08) return 'CANCELLED';
  if (ageDays > 2) return 'DELIVERED';
  const inFlight: OrderStatus[] = ['PENDING_PAYMENT', 'CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED'];
  return inFlight[Math.floor(roll * inFlight.length)]!;
}

/** Builds the deterministic demo dataset for every subgraph, each in its own terms. */
export function buildDataset(size: DatasetSize = DEMO_SIZE, seed = 20261101): Dataset {
  const random = createRandom(seed);
  const customers: CustomersDemoData = { stores: [], accounts: [] };
  const orders: OrdersDemoData = { stores: [], menuItems: [], orders: [] };
  const fates: DemoOrderFate[] = [];
  const logins: DemoLogin[] = [];

  for (const store of STORES) {
    const storeId = random.uuid();
    customers.stores.push({ id: storeId, slug: store.slug, name: store.name, currency: store.currency });
    orders.stores.push({ storeId, currency: store.currency, deliveryFeeCents: store.deliveryFeeCents });
    const menu = store.menu.map(([category, name, description, priceCents]) => ({
      id: random.uuid(),
      storeId,
      name,
      description,
      category,
      priceCents,
      currency: store.currency,
    }));
    orders.menuItems.push(...menu);

    const account = (
      role: DemoLogin['role'],
      email: string,
      firstName: string,
      lastName: string,
      withPassword: boolean,
      createdAt: Date,
    ) => {
      const id = random.uuid();
      customers.accounts.push({
        id,
        storeId,
        email,
        password: withPassword ? DEMO_PASSWORD : null,
        role,
        firstName,
        lastName,
        phone: random.next() < 0.7 ? `+1 555 ${String(random.int(1000000, 9999999))}` : null,
        preferredLanguage: random.pick(LANGUAGES),
        marketingConsent: random.next() < 0.4,
        createdAt,
        address:
          role === 'CUSTOMER'
            ? {
                line1: `${random.int(1, 200)} ${random.pick(STREETS)}`,
                city: store.city,
                postalCode: String(random.int(10000, 99999)),
                country: store.country,
              }
            : null,
      });
      if (withPassword) logins.push({ role, storeSlug: store.slug, email });
      return id;
    };

    const opened = new Date(NOW - 400 * DAY);
    account('ADMIN', `admin@${store.domain}`, 'Alex', 'Admin', true, opened);
    account('STAFF', `staff@${store.domain}`, 'Sam', 'Staff', true, opened);
    account('DRIVER', `driver@${store.domain}`, 'Dana', 'Driver', true, opened);

    for (let c = 0; c < size.customersPerStore; c += 1) {
      const first = c === 0 ? 'Ada' : random.pick(FIRST);
      const last = c === 0 ? 'Lovelace' : random.pick(LAST);
      const email = c === 0 ? `ada@${store.domain}` : `${first}.${last}.${c}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
      const createdAt = new Date(NOW - random.int(30, 365) * DAY - random.int(0, DAY));
      const customerId = account('CUSTOMER', email, first, last, c === 0, createdAt);
      const address = customers.accounts.at(-1)!.address!;

      const orderCount = c === 0 ? 12 : random.int(0, size.averageOrdersPerCustomer * 2);
      for (let o = 0; o < orderCount; o += 1) {
        const ageMs = random.int(0, Math.floor((NOW - createdAt.getTime()) / 1000)) * 1000;
        const lines = new Map<string, number>();
        for (let l = random.int(1, 4); l > 0; l -= 1) {
          const item = random.pick(menu);
          lines.set(item.id, (lines.get(item.id) ?? 0) + random.int(1, 3));
        }
        const orderId = random.uuid();
        const status = statusFor(ageMs / DAY, random.next());
        // Some cancelled orders were paid first (and get refunded); the rest never were.
        const paid = status !== 'PENDING_PAYMENT' && (status !== 'CANCELLED' || random.next() < 0.5);
        fates.push({ orderId, paid, status });
        orders.orders.push({
          id: orderId,
          customerId,
          storeId,
          lines: [...lines].map(([menuItemId, quantity]) => ({ menuItemId, quantity })),
          deliveryAddress: { ...address, line2: null },
          createdAt: new Date(NOW - ageMs),
        });
      }
    }
  }
  return { customers, orders, fates, logins };
}
