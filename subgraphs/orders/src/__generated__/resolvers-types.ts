import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderRow, MenuItemRow, OrderLine, Address } from '../db/schema.ts';
import type { CustomerRef, OrderConnectionRef } from '../resolvers/Customer.ts';
import type { StoreRef } from '../resolvers/Store.ts';
import type { AuditLogEntry, AuditLogPage } from '@supergraph/service-kit';
import type { Context } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, for example `2026-01-31T12:00:00.000Z`. */
  DateTime: { input: Date; output: Date; }
  /** A JSON object, returned as is; its field says what it holds. Output only. */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  _FieldSet: { input: any; output: any; }
};

/** A new item for the menu. */
export type AddMenuItemInput = {
  /** Whether it can be ordered at once; defaults to true. */
  available?: InputMaybe<Scalars['Boolean']['input']>;
  /** Menu section, at most 50 characters, for example `Pizza`. */
  category: Scalars['String']['input'];
  /** A sentence about the item, at most 500 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Name, at most 100 characters, unique on the menu (ignoring case). */
  name: Scalars['String']['input'];
  /** Price in minor units of the store's currency (cents), 0 to 1000000: 1250 for 12.50. */
  priceCents: Scalars['Int']['input'];
};

/** A driver to put on an order. */
export type AssignDriverInput = {
  /** An active driver account of the order's store (its customers-subgraph id). */
  driverId: Scalars['ID']['input'];
  /** The order. */
  orderId: Scalars['ID']['input'];
};

/**
 * One entry of a domain's audit log: who did what, to what, when and from where. Each domain with
 * an audit log answers for its own, through its own field on `Store`.
 */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** What happened, for example `customer.login` or `customer.read`. */
  action: Scalars['String']['output'];
  /** The account that acted; null for an anonymous attempt (a failed sign-in) or the system. */
  actorId?: Maybe<Scalars['ID']['output']>;
  /** The acting account's role then: CUSTOMER, STAFF, DRIVER or ADMIN. */
  actorRole?: Maybe<Scalars['String']['output']>;
  /** The client address the request came from; null once redacted. */
  clientIp?: Maybe<Scalars['String']['output']>;
  /** What else the domain recorded (never a password or token); `{"redacted": true}` after an erasure. */
  details: Scalars['JSONObject']['output'];
  /** The domain (subgraph) whose log holds the entry, for example `customers`. */
  domain: Scalars['String']['output'];
  /** The entry's id within its domain's log. */
  id: Scalars['ID']['output'];
  /** When it happened (ISO-8601, UTC). */
  occurredAt: Scalars['DateTime']['output'];
  /** The id of the subject. */
  targetId?: Maybe<Scalars['ID']['output']>;
  /** The kind of thing acted on (the subject), for example `Customer` or `Store`. */
  targetType?: Maybe<Scalars['String']['output']>;
};

/** A page of audit entries, newest first. */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  /** The entries on this page. */
  edges: Array<AuditEntryEdge>;
  /** How to get the next page. */
  pageInfo: PageInfo;
  /** How many entries match the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** One audit entry in a page, with the cursor that points at it. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** Opaque position of this entry in the list. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: AuditEntry;
};

/** Which audit entries to list; every field given must match. */
export type AuditLogFilter = {
  /** Only this action, for example `customer.read` (lower case, dots and underscores). */
  action?: InputMaybe<Scalars['String']['input']>;
  /** Only entries made by this account. */
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** Only entries from this moment on (inclusive). */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only entries about this subject (an id). */
  targetId?: InputMaybe<Scalars['ID']['input']>;
  /** Only entries about this kind of subject, for example `Customer` (a type name). */
  targetType?: InputMaybe<Scalars['String']['input']>;
  /** Only entries before this moment (exclusive); must be later than `since`. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** An order to cancel. */
export type CancelOrderInput = {
  /** The order to cancel. */
  orderId: Scalars['ID']['input'];
  /** Why; at most 500 characters. */
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** An order a driver takes. */
export type ClaimOrderInput = {
  /** The order to claim. */
  orderId: Scalars['ID']['input'];
};

/**
 * A count that stops at a limit, so that it costs what the limit costs rather than what the store
 * holds: exact when fewer matched, otherwise the limit itself, marked AT_LEAST ("100+").
 */
export type Count = {
  __typename?: 'Count';
  /** How many matched, up to the limit asked for. */
  count: Scalars['Int']['output'];
  /** EXACT when `count` is every match; AT_LEAST when counting stopped at the limit and more may match. */
  precision: CountPrecision;
};

/** Whether a `Count` is every match or a lower bound. */
export type CountPrecision =
  /** Counting stopped at the limit: at least `count` match. */
  | 'AT_LEAST'
  /** `count` is every match. */
  | 'EXACT';

/** A customer, as the orders subgraph sees it: only the key, plus the customer's orders. */
export type Customer = {
  __typename?: 'Customer';
  /** Stable identifier of the account (owned by the customers subgraph). */
  id: Scalars['ID']['output'];
  /**
   * How many orders the customer has (visible to the caller), optionally only those in one status.
   * Null only when the orders service is unavailable.
   */
  orderCount?: Maybe<Scalars['Int']['output']>;
  /**
   * The customer's orders, newest first. A customer sees all their own orders; staff and admins see
   * the ones placed at their store; drivers those of their store they deliver or may claim.
   * `first` is at most 100 (default 20).
   * Never null while the orders service answers (no orders is an empty page); nullable so that an
   * outage of the orders service nulls only this field, not the whole customer.
   */
  orders?: Maybe<OrderConnection>;
  /**
   * The orders domain's part of the customer's personal data export: every order with its number,
   * status, items and prices, delivery address, cancellation note and times. For the customer, and
   * admins of their store (who get their store's orders).
   */
  ordersPersonalData?: Maybe<PersonalDataPart>;
};


/** A customer, as the orders subgraph sees it: only the key, plus the customer's orders. */
export type CustomerOrderCountArgs = {
  status?: InputMaybe<OrderStatus>;
};


/** A customer, as the orders subgraph sees it: only the key, plus the customer's orders. */
export type CustomerOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};

/** A delivery address as given with the order. */
export type DeliveryAddress = {
  __typename?: 'DeliveryAddress';
  /** City or town. */
  city: Scalars['String']['output'];
  /** Two-letter ISO 3166-1 country code. */
  country: Scalars['String']['output'];
  /** Street and number. */
  line1: Scalars['String']['output'];
  /** Apartment, floor or other detail. */
  line2?: Maybe<Scalars['String']['output']>;
  /** Postal or ZIP code. */
  postalCode: Scalars['String']['output'];
};

/** A delivery address. */
export type DeliveryAddressInput = {
  /** City or town. */
  city: Scalars['String']['input'];
  /** Two-letter ISO 3166-1 country code. */
  country: Scalars['String']['input'];
  /** Street and number. */
  line1: Scalars['String']['input'];
  /** Apartment, floor or other detail. */
  line2?: InputMaybe<Scalars['String']['input']>;
  /** Postal or ZIP code. */
  postalCode: Scalars['String']['input'];
};

/** Something a store sells, at the price it is sold for today. */
export type MenuItem = {
  __typename?: 'MenuItem';
  /** Items that are not available cannot be ordered. */
  available: Scalars['Boolean']['output'];
  /** Menu section, for example `Pizza`. */
  category: Scalars['String']['output'];
  /** ISO-4217 currency code. */
  currency: Scalars['String']['output'];
  /** A sentence about the item. */
  description?: Maybe<Scalars['String']['output']>;
  /** Stable identifier; pass it to `placeOrder`. */
  id: Scalars['ID']['output'];
  /** Name, for example `Margherita`. */
  name: Scalars['String']['output'];
  /** Price in minor units of `currency` (cents), for example 1250 for 12.50. */
  priceCents: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Adds an item to the menu of the caller's store, priced in the store's currency. For staff and
   * admins of the store. A name the menu has already (ignoring case) is a CONFLICT (on `input.name`);
   * a store not set up to sell yet is a CONFLICT too.
   */
  addMenuItem: MenuItem;
  /**
   * Puts a driver of the store on an order, or another one instead (staff and admins of the order's
   * store). Allowed until the order leaves the store (PENDING_PAYMENT to PREPARING); later is a
   * CONFLICT with `currentStatus`. A `driverId` that is not an active driver of the store is
   * BAD_USER_INPUT. Assigning the driver already on the order changes nothing.
   */
  assignDriver: Order;
  /** Cancels an order: the same as `updateOrderStatus` with status CANCELLED. */
  cancelOrder: Order;
  /**
   * The signed-in driver takes an order of their store that nobody delivers yet and that is ACCEPTED
   * or PREPARING. Of drivers claiming one order at once, exactly one wins; the others get a CONFLICT
   * (as does an order in another status, with `currentStatus`). Claiming an order one already
   * delivers changes nothing. Only drivers claim: staff and admins assign.
   */
  claimOrder: Order;
  /**
   * Places an order at the signed-in customer's store. Prices come from the store's menu, never
   * from the client. Sending the same `idempotencyKey` again returns the same order instead of a
   * second one; the same key with different content is a CONFLICT.
   */
  placeOrder: Order;
  /**
   * Takes an item off the caller's store's menu for good: it is no longer listed and cannot be
   * ordered (BAD_USER_INPUT) or changed (NOT_FOUND). Orders placed with it keep it, by `menuItemId`,
   * name and price. Answers the item as it was when removed. For staff and admins of the store.
   */
  removeMenuItem: MenuItem;
  /**
   * Sets the delivery fee of the admin's store, in minor units of its currency (0 to 100000), for
   * every order placed from now on. Only admins of the store.
   */
  setDeliveryFee: Store;
  /**
   * Takes the driver off an order, so that nobody delivers it (and drivers may claim it again when
   * it is ACCEPTED or PREPARING). Staff and admins of the order's store, until the order leaves the
   * store, as `assignDriver`.
   */
  unassignDriver: Order;
  /**
   * Changes an item of the caller's store's menu: name, description, category, price, or whether it
   * can be ordered now; fields left out stay as they are. Orders already placed keep the name and
   * price they were placed at. For staff and admins of the store; another store's item is FORBIDDEN,
   * a removed one NOT_FOUND.
   */
  updateMenuItem: MenuItem;
  /**
   * Moves an order along its life. Who may make which move:
   * PENDING_PAYMENT → CONFIRMED only by a successful payment;
   * CONFIRMED → ACCEPTED → PREPARING by staff or admins of the store;
   * PREPARING → OUT_FOR_DELIVERY → DELIVERED by the order's driver or admins of the store (a driver
   * who moves an order nobody delivers yet becomes its driver; one another driver delivers is FORBIDDEN);
   * → CANCELLED by the customer before the store accepts, by staff until it leaves the store,
   * by admins until it is delivered. A paid order that is cancelled is refunded in full.
   * A move the state machine does not allow is a CONFLICT; a move the caller may not make is
   * FORBIDDEN; both carry `currentStatus` in `extensions`. Of concurrent moves, exactly one wins.
   */
  updateOrderStatus: Order;
};


export type MutationAddMenuItemArgs = {
  input: AddMenuItemInput;
};


export type MutationAssignDriverArgs = {
  input: AssignDriverInput;
};


export type MutationCancelOrderArgs = {
  input: CancelOrderInput;
};


export type MutationClaimOrderArgs = {
  input: ClaimOrderInput;
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};


export type MutationRemoveMenuItemArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetDeliveryFeeArgs = {
  deliveryFeeCents: Scalars['Int']['input'];
};


export type MutationUnassignDriverArgs = {
  input: UnassignDriverInput;
};


export type MutationUpdateMenuItemArgs = {
  input: UpdateMenuItemInput;
};


export type MutationUpdateOrderStatusArgs = {
  input: UpdateOrderStatusInput;
};

/** An order a customer placed at a store. Prices are fixed when the order is placed. */
export type Order = {
  __typename?: 'Order';
  /** Why it was cancelled, if it was and a reason was given. */
  cancelReason?: Maybe<Scalars['String']['output']>;
  /** Whether a driver of the store may claim it now: nobody delivers it yet and it is ACCEPTED or PREPARING. */
  claimable: Scalars['Boolean']['output'];
  /** When it was placed. */
  createdAt: Scalars['DateTime']['output'];
  /** ISO-4217 currency code of every amount on the order. */
  currency: Scalars['String']['output'];
  /** Who placed it. */
  customer: Customer;
  /** Where to deliver it. */
  deliveryAddress: DeliveryAddress;
  /** Delivery fee, in minor units of `currency`. */
  deliveryFeeCents: Scalars['Int']['output'];
  /**
   * The driver who delivers it (an account of the customers subgraph, by key), or null while nobody
   * does. Shown to the staff and admins of its store, to the driver themselves and to the order's
   * customer; null for anyone else. The driver's name and contact are the customers subgraph's, which
   * shows another person's profile only to the store's staff and admins: the customer gets the id.
   */
  driver?: Maybe<Customer>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** What was ordered, at the prices of the moment it was placed. */
  items: Array<OrderItem>;
  /** Human-friendly number for support conversations, for example `O-00001234`. */
  orderNumber: Scalars['String']['output'];
  /** Where the order is in its life. */
  status: OrderStatus;
  /** Where it was placed. */
  store: Store;
  /** Sum of the items, in minor units of `currency`. */
  subtotalCents: Scalars['Int']['output'];
  /** What the customer pays: subtotal plus delivery fee, in minor units of `currency`. */
  totalCents: Scalars['Int']['output'];
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of orders, newest first. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /**
   * How many orders match, counted up to `limit` (1 to 10,000; 100 if left out): exact when fewer
   * match, otherwise `limit` marked AT_LEAST. It reads at most `limit + 1` of them, however many exist.
   */
  countUpTo: Count;
  /** The orders on this page. */
  edges: Array<OrderEdge>;
  /** How to get the next page. */
  pageInfo: PageInfo;
  /**
   * How many orders match, on every page (with the same filter): an exact count, so its cost grows
   * with the matches. For a number to show beside a list, `countUpTo` stops early.
   */
  totalCount: Scalars['Int']['output'];
};


/** A page of orders, newest first. */
export type OrderConnectionCountUpToArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** One order in a page, with the cursor that points at it. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** Opaque position of this order in the list. */
  cursor: Scalars['String']['output'];
  /** The order. */
  node: Order;
};

/** One line of an order. */
export type OrderItem = {
  __typename?: 'OrderItem';
  /** unitPriceCents × quantity, in minor units. */
  lineTotalCents: Scalars['Int']['output'];
  /** The menu item ordered. */
  menuItemId: Scalars['ID']['output'];
  /** Its name when the order was placed. */
  name: Scalars['String']['output'];
  /** How many. */
  quantity: Scalars['Int']['output'];
  /** Its price when the order was placed, in minor units. */
  unitPriceCents: Scalars['Int']['output'];
};

/** One line to order. There is no price here: the server prices every order from the menu. */
export type OrderItemInput = {
  /** A menu item of the customer's store. */
  menuItemId: Scalars['ID']['input'];
  /** From 1 to 99. */
  quantity: Scalars['Int']['input'];
};

/**
 * Where an order is in its life. New orders wait for payment; the rest follows in this order,
 * or ends in `CANCELLED`.
 */
export type OrderStatus =
  /** The store accepted the order. */
  | 'ACCEPTED'
  /** Cancelled before delivery. */
  | 'CANCELLED'
  /** Paid; waiting for the store to accept it. */
  | 'CONFIRMED'
  /** Handed to the customer. */
  | 'DELIVERED'
  /** A driver is on the way. */
  | 'OUT_FOR_DELIVERY'
  /** Placed, waiting for a successful payment. */
  | 'PENDING_PAYMENT'
  /** The kitchen is preparing it. */
  | 'PREPARING';

/** Cursor-based pagination details (Relay connection specification). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge of this page; pass it as `after` to get the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether a page comes before this one. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge of this page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/**
 * One domain's part of a customer's personal data export (the right of access): everything that
 * domain keeps about the person. Every domain adds one such field to `Customer`; the gateway's
 * `/personal-data` download gathers them all.
 */
export type PersonalDataPart = {
  __typename?: 'PersonalDataPart';
  /** What the domain keeps about the person, as described on the field that returns the part. */
  data: Scalars['JSONObject']['output'];
  /** The domain (subgraph) whose part this is. */
  domain: Scalars['String']['output'];
  /** When the part was read. */
  readAt: Scalars['DateTime']['output'];
};

/** What to order and where to deliver it. */
export type PlaceOrderInput = {
  /** Where to deliver the order. */
  deliveryAddress: DeliveryAddressInput;
  /** A unique key per order attempt (a UUID works well), so a retried request never orders twice. */
  idempotencyKey: Scalars['String']['input'];
  /** 1 to 50 lines, each menu item at most once. */
  items: Array<OrderItemInput>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * One order. Customers see their own; staff and admins the orders of their store; drivers the
   * orders of their store they deliver, and those nobody delivers yet that they may claim.
   */
  order?: Maybe<Order>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};

/** A store, as the orders subgraph sees it: the key, plus what it sells. */
export type Store = {
  __typename?: 'Store';
  /**
   * What the store charges for delivering an order, in minor units of the store's currency; added to
   * every new order (orders placed keep theirs). Null while the store is not set up to sell. Public.
   */
  deliveryFeeCents?: Maybe<Scalars['Int']['output']>;
  /** Stable identifier of the store (owned by the customers subgraph). */
  id: Scalars['ID']['output'];
  /** Everything the store sells, by category and name (removed items are not listed). Public. */
  menu: Array<MenuItem>;
  /**
   * The store's orders, newest first, optionally only those in one of `status` (the kitchen board:
   * `[CONFIRMED, ACCEPTED, PREPARING]`). Staff and admins of this store see all of them; its drivers
   * only the orders they deliver and those nobody delivers yet that they may claim (ACCEPTED or
   * PREPARING: the pickup board). Anyone else is FORBIDDEN. `first` is at most 100 (default 20).
   * Null only when the orders service is unavailable.
   */
  orders?: Maybe<OrderConnection>;
  /**
   * The orders domain's audit log of this store (menu and delivery-fee changes, reads of customers'
   * orders by staff, admins and drivers), newest first, filtered by `filter`. For the store's admins
   * only; reading it is itself recorded (`audit_log.read`). `first` is at most 100 (default 20). Null
   * when refused, or when the orders service is unavailable.
   */
  ordersAuditLog?: Maybe<AuditEntryConnection>;
};


/** A store, as the orders subgraph sees it: the key, plus what it sells. */
export type StoreOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<OrderStatus>>;
};


/** A store, as the orders subgraph sees it: the key, plus what it sells. */
export type StoreOrdersAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * Live order updates. Each event is the order right after a change (placed, paid, accepted, …,
 * delivered or cancelled), taken from the event log in the order the changes happened; select
 * fields of any domain (payments, the customer, analytics) as in a query. Served by the gateway over
 * WebSocket (graphql-ws) and HTTP multipart. Who receives what is checked again for every event;
 * a subscription ends with UNAUTHENTICATED when the caller's session expires or their account is
 * deactivated.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /** Every change to any order of the signed-in customer, including orders placed after subscribing. */
  myOrderUpdates: Order;
  /**
   * One order's changes (its status, and who delivers it), for its customer, the staff and admins of
   * its store, and a driver of its store who may see it: the changes while it is theirs or claimable,
   * and the one that gives it to another driver. Completes after the order is delivered or cancelled.
   * An order that does not exist is NOT_FOUND; one the caller may not follow is FORBIDDEN.
   */
  orderUpdated: Order;
  /**
   * Changes to the orders of the caller's store, optionally only those that move into one of
   * `status` (the kitchen board: `[CONFIRMED, ACCEPTED, PREPARING]`); a change of driver counts as a
   * change in the order's current status. Staff and admins see every status and order; drivers follow
   * the pickup board only: ACCEPTED, PREPARING and OUT_FOR_DELIVERY (asking for another status is
   * FORBIDDEN), of the orders they deliver and those nobody delivers yet, and the change that gives a
   * claimable order to another driver (its `claimable` is then false: take it off the board).
   */
  storeOrderUpdates: Order;
};


/**
 * Live order updates. Each event is the order right after a change (placed, paid, accepted, …,
 * delivered or cancelled), taken from the event log in the order the changes happened; select
 * fields of any domain (payments, the customer, analytics) as in a query. Served by the gateway over
 * WebSocket (graphql-ws) and HTTP multipart. Who receives what is checked again for every event;
 * a subscription ends with UNAUTHENTICATED when the caller's session expires or their account is
 * deactivated.
 */
export type SubscriptionOrderUpdatedArgs = {
  orderId: Scalars['ID']['input'];
};


/**
 * Live order updates. Each event is the order right after a change (placed, paid, accepted, …,
 * delivered or cancelled), taken from the event log in the order the changes happened; select
 * fields of any domain (payments, the customer, analytics) as in a query. Served by the gateway over
 * WebSocket (graphql-ws) and HTTP multipart. Who receives what is checked again for every event;
 * a subscription ends with UNAUTHENTICATED when the caller's session expires or their account is
 * deactivated.
 */
export type SubscriptionStoreOrderUpdatesArgs = {
  status?: InputMaybe<Array<OrderStatus>>;
};

/** An order to take the driver off. */
export type UnassignDriverInput = {
  /** The order. */
  orderId: Scalars['ID']['input'];
};

/** What to change about a menu item; fields left out stay as they are. At least one is needed. */
export type UpdateMenuItemInput = {
  /** False takes it off sale for now (it stays on the menu, not orderable); true puts it back. */
  available?: InputMaybe<Scalars['Boolean']['input']>;
  /** A new menu section, at most 50 characters. */
  category?: InputMaybe<Scalars['String']['input']>;
  /** A new description, at most 500 characters; null or empty removes it. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The item to change. */
  id: Scalars['ID']['input'];
  /** A new name, at most 100 characters, unique on the menu (ignoring case). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** A new price in minor units of the store's currency, 0 to 1000000. Orders placed keep theirs. */
  priceCents?: InputMaybe<Scalars['Int']['input']>;
};

/** A move of an order to another status. */
export type UpdateOrderStatusInput = {
  /** The order to move. */
  orderId: Scalars['ID']['input'];
  /** Why; kept with a cancellation. At most 500 characters. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Where to move it. */
  status: OrderStatus;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Customer: Customer;
  Order: Order;
  Store: Store;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Customer:
    ( { __typename: 'Customer' }
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Store:
    ( { __typename: 'Store' }
    & GraphQLRecursivePick<FederationTypes['Store'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddMenuItemInput: AddMenuItemInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AssignDriverInput: AssignDriverInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEntry: ResolverTypeWrapper<AuditLogEntry>;
  AuditEntryConnection: ResolverTypeWrapper<AuditLogPage>;
  AuditEntryEdge: ResolverTypeWrapper<Omit<AuditEntryEdge, 'node'> & { node: ResolversTypes['AuditEntry'] }>;
  AuditLogFilter: AuditLogFilter;
  CancelOrderInput: CancelOrderInput;
  ClaimOrderInput: ClaimOrderInput;
  Count: ResolverTypeWrapper<Count>;
  CountPrecision: CountPrecision;
  Customer: ResolverTypeWrapper<CustomerRef>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeliveryAddress: ResolverTypeWrapper<Address>;
  DeliveryAddressInput: DeliveryAddressInput;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  MenuItem: ResolverTypeWrapper<MenuItemRow>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderRow>;
  OrderConnection: ResolverTypeWrapper<OrderConnectionRef>;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderItem: ResolverTypeWrapper<OrderLine>;
  OrderItemInput: OrderItemInput;
  OrderStatus: OrderStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PersonalDataPart: ResolverTypeWrapper<PersonalDataPart>;
  PlaceOrderInput: PlaceOrderInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Store: ResolverTypeWrapper<StoreRef>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UnassignDriverInput: UnassignDriverInput;
  UpdateMenuItemInput: UpdateMenuItemInput;
  UpdateOrderStatusInput: UpdateOrderStatusInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddMenuItemInput: AddMenuItemInput;
  Boolean: Scalars['Boolean']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  AssignDriverInput: AssignDriverInput;
  ID: Scalars['ID']['output'];
  AuditEntry: AuditLogEntry;
  AuditEntryConnection: AuditLogPage;
  AuditEntryEdge: Omit<AuditEntryEdge, 'node'> & { node: ResolversParentTypes['AuditEntry'] };
  AuditLogFilter: AuditLogFilter;
  CancelOrderInput: CancelOrderInput;
  ClaimOrderInput: ClaimOrderInput;
  Count: Count;
  Customer: CustomerRef;
  DateTime: Scalars['DateTime']['output'];
  DeliveryAddress: Address;
  DeliveryAddressInput: DeliveryAddressInput;
  JSONObject: Scalars['JSONObject']['output'];
  MenuItem: MenuItemRow;
  Mutation: Record<PropertyKey, never>;
  Order: OrderRow;
  OrderConnection: OrderConnectionRef;
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderItem: OrderLine;
  OrderItemInput: OrderItemInput;
  PageInfo: PageInfo;
  PersonalDataPart: PersonalDataPart;
  PlaceOrderInput: PlaceOrderInput;
  Query: Record<PropertyKey, never>;
  Store: StoreRef;
  Subscription: Record<PropertyKey, never>;
  UnassignDriverInput: UnassignDriverInput;
  UpdateMenuItemInput: UpdateMenuItemInput;
  UpdateOrderStatusInput: UpdateOrderStatusInput;
};

export type AuditEntryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  actorRole?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  clientIp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  details?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  targetId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  targetType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditEntryConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuditEntryConnection'] = ResolversParentTypes['AuditEntryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditEntryEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuditEntryEdge'] = ResolversParentTypes['AuditEntryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEntry'], ParentType, ContextType>;
};

export type CountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Count'] = ResolversParentTypes['Count']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  precision?: Resolver<ResolversTypes['CountPrecision'], ParentType, ContextType>;
};

export type CustomerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orderCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType, Partial<CustomerOrderCountArgs>>;
  orders?: Resolver<Maybe<ResolversTypes['OrderConnection']>, ParentType, ContextType, Partial<CustomerOrdersArgs>>;
  ordersPersonalData?: Resolver<Maybe<ResolversTypes['PersonalDataPart']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeliveryAddressResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeliveryAddress'] = ResolversParentTypes['DeliveryAddress']> = {
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type MenuItemResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MenuItem'] = ResolversParentTypes['MenuItem']> = {
  available?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priceCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addMenuItem?: Resolver<ResolversTypes['MenuItem'], ParentType, ContextType, RequireFields<MutationAddMenuItemArgs, 'input'>>;
  assignDriver?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationAssignDriverArgs, 'input'>>;
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'input'>>;
  claimOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationClaimOrderArgs, 'input'>>;
  placeOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
  removeMenuItem?: Resolver<ResolversTypes['MenuItem'], ParentType, ContextType, RequireFields<MutationRemoveMenuItemArgs, 'id'>>;
  setDeliveryFee?: Resolver<ResolversTypes['Store'], ParentType, ContextType, RequireFields<MutationSetDeliveryFeeArgs, 'deliveryFeeCents'>>;
  unassignDriver?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationUnassignDriverArgs, 'input'>>;
  updateMenuItem?: Resolver<ResolversTypes['MenuItem'], ParentType, ContextType, RequireFields<MutationUpdateMenuItemArgs, 'input'>>;
  updateOrderStatus?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationUpdateOrderStatusArgs, 'input'>>;
};

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cancelReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  claimable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  customer?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  deliveryAddress?: Resolver<ResolversTypes['DeliveryAddress'], ParentType, ContextType>;
  deliveryFeeCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  driver?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['OrderItem']>, ParentType, ContextType>;
  orderNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  store?: Resolver<ResolversTypes['Store'], ParentType, ContextType>;
  subtotalCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type OrderConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = {
  countUpTo?: Resolver<ResolversTypes['Count'], ParentType, ContextType, RequireFields<OrderConnectionCountUpToArgs, 'limit'>>;
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OrderEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
};

export type OrderItemResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderItem'] = ResolversParentTypes['OrderItem']> = {
  lineTotalCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  menuItemId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unitPriceCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PersonalDataPartResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PersonalDataPart'] = ResolversParentTypes['PersonalDataPart']> = {
  data?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  readAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
};

export type StoreResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Store'] = ResolversParentTypes['Store'], FederationReferenceType extends FederationReferenceTypes['Store'] = FederationReferenceTypes['Store']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Store']> | FederationReferenceType, FederationReferenceType, ContextType>;
  deliveryFeeCents?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  menu?: Resolver<Array<ResolversTypes['MenuItem']>, ParentType, ContextType>;
  orders?: Resolver<Maybe<ResolversTypes['OrderConnection']>, ParentType, ContextType, Partial<StoreOrdersArgs>>;
  ordersAuditLog?: Resolver<Maybe<ResolversTypes['AuditEntryConnection']>, ParentType, ContextType, Partial<StoreOrdersAuditLogArgs>>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  myOrderUpdates?: SubscriptionResolver<ResolversTypes['Order'], "myOrderUpdates", ParentType, ContextType>;
  orderUpdated?: SubscriptionResolver<ResolversTypes['Order'], "orderUpdated", ParentType, ContextType, RequireFields<SubscriptionOrderUpdatedArgs, 'orderId'>>;
  storeOrderUpdates?: SubscriptionResolver<ResolversTypes['Order'], "storeOrderUpdates", ParentType, ContextType, Partial<SubscriptionStoreOrderUpdatesArgs>>;
};

export type Resolvers<ContextType = Context> = {
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  Count?: CountResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeliveryAddress?: DeliveryAddressResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  MenuItem?: MenuItemResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderItem?: OrderItemResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PersonalDataPart?: PersonalDataPartResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Store?: StoreResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

