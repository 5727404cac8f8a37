import { auditTable, consumerTables, KEY_SOURCES, keysetCreatedAt, outboxTable } from '@supergraph/service-kit';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgSchema, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Everything this subgraph stores lives in the `orders` PostgreSQL schema. Store and customer ids are plain ids: no foreign keys cross subgraphs. */
export const ordersSchema = pgSchema('orders');

export const orderStatusEnum = ordersSchema.enum('order_status', [
  'PENDING_PAYMENT',
  'CONFIRMED',
  'ACCEPTED',
  'PREPARING',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'CANCELLED',
]);
export type OrderStatus = (typeof orderStatusEnum.enumValues)[number];
/** Who chose an idempotency key (see KeySource). */
export const keySourceEnum = ordersSchema.enum('key_source', KEY_SOURCES);

/**
 * How a store sells: its currency and delivery fee. Made when the store's StoreOpened event arrives
 * (free delivery until an admin sets a fee); a store without settings takes no orders.
 */
export const storeSettings = ordersSchema.table('store_settings', {
  storeId: uuid('store_id').primaryKey(),
  currency: text('currency').notNull(),
  deliveryFeeCents: integer('delivery_fee_cents').notNull(),
});

export const menuItems = ordersSchema.table(
  'menu_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: uuid('store_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    category: text('category').notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull(),
    available: boolean('available').notNull().default(true),
    /**
     * When staff took the item off the menu. The row stays, so old orders' `menuItemId` still
     * names it; a removed item is not on the menu and cannot be ordered or changed.
     */
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('menu_items_store_idx').on(t.storeId),
    // One item of a name per store menu (case-insensitive); a removed item frees its name.
    uniqueIndex('menu_items_store_name_key').on(t.storeId, sql`lower(${t.name})`).where(sql`${t.removedAt} is null`),
  ],
);

export interface OrderLine {
  menuItemId: string;
  name: string;
  unitPriceCents: number;
  quantity: number;
  lineTotalCents: number;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
}

export const orders = ordersSchema.table(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: serial('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    storeId: uuid('store_id').notNull(),
    status: orderStatusEnum('status').notNull().default('PENDING_PAYMENT'),
    /** The priced lines, frozen when the order was placed. */
    items: jsonb('items').$type<OrderLine[]>().notNull(),
    subtotalCents: integer('subtotal_cents').notNull(),
    deliveryFeeCents: integer('delivery_fee_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
    currency: text('currency').notNull(),
    deliveryAddress: jsonb('delivery_address').$type<Address>().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** Who chose the key: a client, or the system (demo data). Their keys never meet. */
    keySource: keySourceEnum('key_source').notNull().default('client'),
    /** SHA-256 of the request, to tell a retry (same hash) from a reused key (different hash). */
    requestHash: text('request_hash').notNull(),
    /** Why it was cancelled, when it was. */
    cancelReason: text('cancel_reason'),
    createdAt: keysetCreatedAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_customer_idempotency_key').on(t.customerId, t.keySource, t.idempotencyKey),
    index('orders_customer_created_idx').on(t.customerId, t.createdAt.desc(), t.id.desc()),
    // The keyset order of a store's orders (Store.orders): newest first, ties broken by id, as pagePerParent sorts.
    index('orders_store_created_idx').on(t.storeId, t.createdAt.desc(), t.id.desc()),
  ],
);

/** Accounts the customers subgraph deactivated (from its AccountStatusChanged events): they may not start live subscriptions. */
export const inactiveAccounts = ordersSchema.table('inactive_accounts', {
  customerId: uuid('customer_id').primaryKey(),
  since: timestamp('since', { withTimezone: true, mode: 'date' }).notNull(),
});

export type StoreSettingsRow = typeof storeSettings.$inferSelect;
export type MenuItemRow = typeof menuItems.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;

/** Who changed a store's menu or selling settings, and what, append-only (a trigger in the migration refuses changes). */
export const auditLog = auditTable(ordersSchema);

/** Events this subgraph publishes (OrderPlaced, OrderStatusChanged, OrderCancelled). */
export const outbox = outboxTable(ordersSchema);
/** What the orders consumer (of payment events) has applied, and the events it set aside. */
export const { appliedEvents, aggregateCursors, parkedEvents } = consumerTables(ordersSchema);
/** The same three tables, as the event kit takes them. */
export const consumer = { appliedEvents, aggregateCursors, parkedEvents };
