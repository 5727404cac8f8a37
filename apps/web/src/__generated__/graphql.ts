/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, for example `2026-01-31T12:00:00.000Z`. */
  DateTime: { input: string; output: string; }
  /** A JSON object, returned as is; its field says what it holds. Output only. */
  JSONObject: { input: any; output: any; }
  /** An integer from -(2^53-1) to 2^53-1, exact in JSON and JavaScript. Used for sums of money in minor units. */
  SafeInt: { input: number; output: number; }
};

/** A postal address to save. */
export type AddAddressInput = {
  /** City or town. */
  city: Scalars['String']['input'];
  /** Two-letter ISO 3166-1 country code. */
  country: Scalars['String']['input'];
  /** Make this the default address; the first address is always the default. */
  isDefault?: InputMaybe<Scalars['Boolean']['input']>;
  /** A short name, for example `Home`. */
  label?: InputMaybe<Scalars['String']['input']>;
  /** Street and number. */
  line1: Scalars['String']['input'];
  /** Apartment, floor or other detail. */
  line2?: InputMaybe<Scalars['String']['input']>;
  /** Postal or ZIP code. */
  postalCode: Scalars['String']['input'];
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

/** A saved postal address. */
export type Address = {
  __typename?: 'Address';
  /** City or town. */
  city: Scalars['String']['output'];
  /** Two-letter ISO 3166-1 country code, for example `DE`. */
  country: Scalars['String']['output'];
  /** Stable identifier of the address. */
  id: Scalars['ID']['output'];
  /** Whether this is the customer's default address. */
  isDefault: Scalars['Boolean']['output'];
  /** A short name the customer gave it, for example `Home`. */
  label?: Maybe<Scalars['String']['output']>;
  /** Street and number. */
  line1: Scalars['String']['output'];
  /** Apartment, floor or other detail. */
  line2?: Maybe<Scalars['String']['output']>;
  /** Postal or ZIP code. */
  postalCode: Scalars['String']['output'];
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

/** The result of signing in or registering. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** The signed-in account. */
  customer: Customer;
  /** When the access token stops working (minutes from now): then call `refreshToken`. */
  expiresAt: Scalars['DateTime']['output'];
  /**
   * A long-lived token that buys a new access token once, through `refreshToken`, without a
   * password. Keep it secret (not in local storage of a browser page that runs third-party code).
   */
  refreshToken: Scalars['String']['output'];
  /** When the refresh token stops working. */
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
  /** Bearer token for the `Authorization: Bearer <token>` header. */
  token: Scalars['String']['output'];
};

/** The average paid order of a store over a period. */
export type AverageOrderValue = {
  __typename?: 'AverageOrderValue';
  /** Money taken net of refunds divided by paid orders, rounded; 0 without paid orders. */
  averageOrderValueCents: Scalars['Int']['output'];
  /** ISO-4217 currency code; null without orders. */
  currency?: Maybe<Scalars['String']['output']>;
  /** How many paid orders the average is over. */
  paidOrders: Scalars['Int']['output'];
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

/** A staff, driver or admin account to create at the admin's store. */
export type CreateStoreAccountInput = {
  /** Email address; must be unused at the store. */
  email: Scalars['String']['input'];
  /** Given name. */
  firstName: Scalars['String']['input'];
  /** Family name. */
  lastName: Scalars['String']['input'];
  /** At least 12 characters: the rules of registration. */
  password: Scalars['String']['input'];
  /** Phone number in international format, for example `+49 30 1234567`. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** BCP-47 language tag; defaults to `en`. */
  preferredLanguage?: InputMaybe<Scalars['String']['input']>;
  /** STAFF, DRIVER or ADMIN. CUSTOMER is refused (BAD_USER_INPUT): customers register themselves. */
  role: Role;
};

/** What a new store needs. */
export type CreateStoreInput = {
  /** The store's first admin account. */
  admin: StoreAccountInput;
  /** ISO-4217 code, in capitals, that every price of the store is quoted in, for example `EUR`. */
  currency: Scalars['String']['input'];
  /** Display name, at most 100 characters. */
  name: Scalars['String']['input'];
  /** URL-friendly unique name: lower-case letters and digits, words joined by single hyphens (2 to 40 characters), for example `pizza-roma`. */
  slug: Scalars['String']['input'];
};

/** A store just opened, and the account of its first admin. */
export type CreateStorePayload = {
  __typename?: 'CreateStorePayload';
  /** The store's first admin: they sign in at the new store's slug with the password given. */
  admin: Customer;
  /** The new store. */
  store: Store;
};

/** A customer, as the analytics subgraph sees it: the key, plus figures about the customer. */
export type Customer = {
  __typename?: 'Customer';
  /**
   * The account's part of the customer's personal data export: the profile (email, names, phone,
   * language, marketing consent, status, role, store, times), every saved address, every session
   * (when each refresh token was issued, used, revoked and expires; never the token), and the
   * sign-in history and other audit entries about the account (action, time, client address). For
   * the customer and admins of their store (FORBIDDEN for anyone else); an admin's read is itself
   * recorded in the audit log.
   */
  accountPersonalData?: Maybe<PersonalDataPart>;
  /** Saved addresses, the default first. */
  addresses: Array<Address>;
  /**
   * The analytics domain's part of the customer's personal data export: the customer's totals and
   * every order fact recorded about them (amounts, statuses, times). For the customer, and admins of
   * their store (their store's facts).
   */
  analyticsPersonalData?: Maybe<PersonalDataPart>;
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Human-friendly account number for support conversations, for example `C-000042`. */
  customerNumber: Scalars['String']['output'];
  /** Email address, unique within the store; stored in lower case. */
  email: Scalars['String']['output'];
  /** Given name. */
  firstName: Scalars['String']['output'];
  /** Stable identifier of the account (owned by the customers subgraph). */
  id: Scalars['ID']['output'];
  /** Deactivated accounts cannot sign in. */
  isActive: Scalars['Boolean']['output'];
  /** Family name. */
  lastName: Scalars['String']['output'];
  /** Whether the customer agreed to receive marketing messages. */
  marketingConsent: Scalars['Boolean']['output'];
  /**
   * What the customer has ordered and spent. A customer with no orders gets zeros, never null.
   * The customer sees their own; staff and admins see figures for orders at their store.
   * Null only when the analytics service is unavailable (or refuses the caller), so that an outage
   * nulls only this field, not the whole customer.
   */
  metrics?: Maybe<CustomerMetrics>;
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
  /**
   * The customer's payments, newest first. The customer sees their own; staff and admins those made
   * at their store; drivers none. `first` is at most 100 (default 20).
   * Null only when the payments service is unavailable (or refuses the caller), so that nulls only this field.
   */
  payments?: Maybe<PaymentConnection>;
  /**
   * The payments domain's part of the customer's personal data export: every payment (amount,
   * currency, status, card brand and last four digits as stored, failure reason, times) with its
   * refunds (amount, reason, time). For the customer, and admins of their store (their store's payments).
   */
  paymentsPersonalData?: Maybe<PersonalDataPart>;
  /** Phone number in international format, if the customer gave one. */
  phone?: Maybe<Scalars['String']['output']>;
  /** BCP-47 language tag the customer prefers, for example `en` or `de-CH`. */
  preferredLanguage: Scalars['String']['output'];
  /** What the account may do. */
  role: Role;
  /** The store the account belongs to. */
  store: Store;
  /** When the profile last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** A customer, as the analytics subgraph sees it: the key, plus figures about the customer. */
export type CustomerOrderCountArgs = {
  status?: InputMaybe<OrderStatus>;
};


/** A customer, as the analytics subgraph sees it: the key, plus figures about the customer. */
export type CustomerOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};


/** A customer, as the analytics subgraph sees it: the key, plus figures about the customer. */
export type CustomerPaymentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of customers, newest first. */
export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  /**
   * How many customers match, counted up to `limit` (1 to 10,000; 100 if left out): exact when fewer
   * match, otherwise `limit` marked AT_LEAST. It reads at most `limit + 1` of them, however many exist.
   */
  countUpTo: Count;
  /** The customers on this page. */
  edges: Array<CustomerEdge>;
  /** How to get the next page. */
  pageInfo: PageInfo;
  /**
   * How many customers match, on every page (with the same filter): an exact count, so its cost grows
   * with the matches. For a number to show beside a list, `countUpTo` stops early.
   */
  totalCount: Scalars['Int']['output'];
};


/** A page of customers, newest first. */
export type CustomerConnectionCountUpToArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** One customer in a page, with the cursor that points at it. */
export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  /** Opaque position of this customer in the list. */
  cursor: Scalars['String']['output'];
  /** The customer. */
  node: Customer;
};

/** Order and spending figures for one customer. Amounts are in minor units of `currency`. */
export type CustomerMetrics = {
  __typename?: 'CustomerMetrics';
  /** totalSpentCents divided by paid orders, rounded to the nearest minor unit; 0 without orders. */
  averageOrderValueCents: Scalars['Int']['output'];
  /** Orders cancelled. */
  cancelledOrders: Scalars['Int']['output'];
  /** Orders delivered. */
  completedOrders: Scalars['Int']['output'];
  /** ISO-4217 currency of the amounts; null before the first order. */
  currency?: Maybe<Scalars['String']['output']>;
  /** When the first order was placed; null without orders. */
  firstOrderAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the latest order was placed; null without orders. */
  lastOrderAt?: Maybe<Scalars['DateTime']['output']>;
  /** Orders placed, in any status. */
  totalOrders: Scalars['Int']['output'];
  /** Money spent, net of refunds, in minor units of `currency`. */
  totalSpentCents: Scalars['SafeInt']['output'];
};

/** One customer's spending at a store. */
export type CustomerSpend = {
  __typename?: 'CustomerSpend';
  /** ISO-4217 currency code. */
  currency?: Maybe<Scalars['String']['output']>;
  /** The customer. */
  customer: Customer;
  /** Orders placed. */
  orderCount: Scalars['Int']['output'];
  /** Money spent, net of refunds, in minor units of `currency`. */
  totalSpentCents: Scalars['SafeInt']['output'];
};

/** The password again, to erase one's own account. */
export type DeleteMyAccountInput = {
  /** The account's current password. */
  password: Scalars['String']['input'];
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

/** Confirmation of an erasure. */
export type ErasureReceipt = {
  __typename?: 'ErasureReceipt';
  /** The erased account's id: all that remains of it, in the records kept for accounting. */
  customerId: Scalars['ID']['output'];
  /** When the account was erased here; other domains follow within moments (by event). */
  erasedAt: Scalars['DateTime']['output'];
};

/** Credentials for signing in. */
export type LoginInput = {
  /** The account's email address. */
  email: Scalars['String']['input'];
  /** The account's password. */
  password: Scalars['String']['input'];
  /** Slug of the store the account belongs to. */
  storeSlug: Scalars['String']['input'];
};

/** The session to end. */
export type LogoutInput = {
  /** The session's current refresh token. */
  refreshToken: Scalars['String']['input'];
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
  /** Saves an address for the signed-in account. */
  addAddress: Customer;
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
   * Opens a new store with its first admin account, in one step. Only for the platform operator's
   * admins (the admins of the store the setting PLATFORM_OPERATOR_STORE names; FORBIDDEN for anyone
   * else). A slug already taken is a CONFLICT (on `input.slug`). Every other domain learns of the
   * store by the StoreOpened event, and sets it up in its own terms.
   */
  createStore: CreateStorePayload;
  /**
   * Creates a staff, driver or admin account at the admin's own store, with the password the admin
   * sets (same rules as registration; hand it over in person and have it changed). An email already
   * used at the store is a CONFLICT (on `input.email`). Deactivate such an account with
   * `setCustomerStatus`.
   */
  createStoreAccount: Customer;
  /**
   * Erases the signed-in customer's account (the right to erasure), after checking the password
   * again: the profile, addresses, sessions and sign-in history are removed or pseudonymised here at
   * once, and every other domain erases what it holds when the CustomerErased event reaches it. What
   * the law requires to keep (amounts, dates and totals of what was bought and paid) is kept,
   * without anything that identifies the person. Signing in is impossible afterwards, every session ends,
   * and the email can register again. A wrong password is BAD_USER_INPUT (on `input.password`) and
   * erases nothing.
   */
  deleteMyAccount: ErasureReceipt;
  /**
   * Erases a customer of the admin's store, as deleteMyAccount does, for a request the store
   * received another way (by post, say). `reason` is kept in the audit log with the admin's id: say
   * why and on whose request, without the person's name or contact details. Only customers' accounts
   * (not staff or drivers); erasing one already erased answers the first erasure's receipt.
   */
  eraseCustomer: ErasureReceipt;
  /** Signs in with email and password. Works for every role. */
  login: AuthPayload;
  /** Signs out: the refresh token (and the session it belongs to) stops working. Always true. */
  logout: Scalars['Boolean']['output'];
  /**
   * Pays an order waiting for payment, charging exactly its total. Only the customer who placed it.
   * A declined card is not an error: the payment comes back FAILED with a `failureReason`, and a
   * new attempt needs a new `idempotencyKey`. The same key with the same input returns the same
   * payment without charging again (also to concurrent requests); with other input it is a CONFLICT.
   * An order that is paid, or has a payment in progress, cannot be paid again (CONFLICT).
   * A successful payment confirms the order.
   * Test tokens: `tok_visa`, `tok_mastercard` succeed; `tok_chargeDeclined` and
   * `tok_insufficientFunds` are declined; `tok_processingError` fails transiently (retry with a new key).
   */
  payOrder: Payment;
  /**
   * Places an order at the signed-in customer's store. Prices come from the store's menu, never
   * from the client. Sending the same `idempotencyKey` again returns the same order instead of a
   * second one; the same key with different content is a CONFLICT.
   */
  placeOrder: Order;
  /**
   * Trades a refresh token for a new access token and a new refresh token; the old refresh token
   * stops working. Presenting a refresh token a second time signs that session out everywhere.
   * Send it without an Authorization header (the access token may have expired).
   */
  refreshToken: AuthPayload;
  /**
   * Refunds part or all of a captured payment. Staff and admins of the payment's store only.
   * Refunds never add up to more than was captured, also when requested concurrently; the payment
   * becomes PARTIALLY_REFUNDED or REFUNDED. Idempotent per payment and `idempotencyKey`.
   */
  refundPayment: Payment;
  /** Creates a customer account at a store and signs it in. */
  register: AuthPayload;
  /**
   * Takes an item off the caller's store's menu for good: it is no longer listed and cannot be
   * ordered (BAD_USER_INPUT) or changed (NOT_FOUND). Orders placed with it keep it, by `menuItemId`,
   * name and price. Answers the item as it was when removed. For staff and admins of the store.
   */
  removeMenuItem: MenuItem;
  /**
   * Activates or deactivates an account of the caller's store; a deactivated account cannot sign in.
   * Staff may change customers' accounts; admins customers', drivers' and staff's. Nobody may change
   * their own account or an admin's (FORBIDDEN).
   */
  setCustomerStatus: Customer;
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
  /** Changes the signed-in account's own profile. Fields left out stay as they are. */
  updateMe: Customer;
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


export type MutationAddAddressArgs = {
  input: AddAddressInput;
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


export type MutationCreateStoreArgs = {
  input: CreateStoreInput;
};


export type MutationCreateStoreAccountArgs = {
  input: CreateStoreAccountInput;
};


export type MutationDeleteMyAccountArgs = {
  input: DeleteMyAccountInput;
};


export type MutationEraseCustomerArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationLogoutArgs = {
  input: LogoutInput;
};


export type MutationPayOrderArgs = {
  input: PayOrderInput;
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};


export type MutationRefreshTokenArgs = {
  input: RefreshTokenInput;
};


export type MutationRefundPaymentArgs = {
  input: RefundPaymentInput;
};


export type MutationRegisterArgs = {
  input: RegisterInput;
};


export type MutationRemoveMenuItemArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetCustomerStatusArgs = {
  id: Scalars['ID']['input'];
  isActive: Scalars['Boolean']['input'];
};


export type MutationSetDeliveryFeeArgs = {
  deliveryFeeCents: Scalars['Int']['input'];
};


export type MutationUnassignDriverArgs = {
  input: UnassignDriverInput;
};


export type MutationUpdateMeArgs = {
  input: UpdateMeInput;
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
  /**
   * Every payment attempt for this order, newest first, including declined ones.
   * Null only when the payments service is unavailable (or refuses the caller).
   */
  payments?: Maybe<Array<Payment>>;
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

/** What to pay and with what. */
export type PayOrderInput = {
  /** A unique key per payment attempt (a UUID works well), so a retried request never charges twice. */
  idempotencyKey: Scalars['String']['input'];
  /** The order to pay. */
  orderId: Scalars['ID']['input'];
  /** A card token from the payment provider's client library; never a card number. */
  paymentMethodToken: Scalars['String']['input'];
};

/** A payment attempt for an order. Amounts are in minor units of `currency`. */
export type Payment = {
  __typename?: 'Payment';
  /** Amount charged, in minor units (cents). */
  amountCents: Scalars['Int']['output'];
  /** When the attempt was made. */
  createdAt: Scalars['DateTime']['output'];
  /** ISO-4217 currency code. */
  currency: Scalars['String']['output'];
  /** Who paid. */
  customer: Customer;
  /** Why the payment failed, in words a customer can read; null unless FAILED. */
  failureReason?: Maybe<Scalars['String']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** The card used, without its number: only brand and last four digits are ever stored. */
  method?: Maybe<PaymentMethod>;
  /** The order paid for. */
  order: Order;
  /** When the provider answered. */
  processedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Amount refunded so far, in minor units; never more than `amountCents`. */
  refundedCents: Scalars['Int']['output'];
  /** Refunds of this payment, oldest first. */
  refunds: Array<Refund>;
  /** Where the payment stands. */
  status: PaymentStatus;
};

/** A page of payments, newest first. */
export type PaymentConnection = {
  __typename?: 'PaymentConnection';
  /** The payments on this page. */
  edges: Array<PaymentEdge>;
  /** How to get the next page. */
  pageInfo: PageInfo;
  /** How many payments there are in all, on every page (with the same filter). */
  totalCount: Scalars['Int']['output'];
};

/** One payment in a page, with the cursor that points at it. */
export type PaymentEdge = {
  __typename?: 'PaymentEdge';
  /** Opaque position of this payment in the list. */
  cursor: Scalars['String']['output'];
  /** The payment. */
  node: Payment;
};

/** The card a payment was made with. Card numbers are never stored. */
export type PaymentMethod = {
  __typename?: 'PaymentMethod';
  /** Card brand, for example `visa`. */
  brand: Scalars['String']['output'];
  /** Last four digits of the card number. */
  last4: Scalars['String']['output'];
};

/** Where a payment stands. */
export type PaymentStatus =
  /** Declined or failed; nothing was captured. */
  | 'FAILED'
  /** Captured, and part of it was refunded. */
  | 'PARTIALLY_REFUNDED'
  /** Sent to the payment provider, no answer yet. */
  | 'PENDING'
  /** Captured, and all of it was refunded. */
  | 'REFUNDED'
  /** The full amount was captured. */
  | 'SUCCEEDED';

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
   * The caller's store's average paid order for orders placed in a period (`since` inclusive,
   * `until` exclusive). Staff and admins only. Like `Store.analytics`: whole UTC days and hours
   * from the figures kept per day and hour, the partial hours at either end from the orders themselves.
   */
  averageOrderValue: AverageOrderValue;
  /** One account. Customers may read only themselves; staff and admins any account of their store. */
  customer?: Maybe<Customer>;
  /**
   * The store's customers, newest first. Only staff and admins, only their own store.
   * `first` is at most 100 (default 20); `search` (at most 200 characters) matches name or email,
   * case-insensitively: three characters or more anywhere in either, one or two characters at the
   * start of the email or of a word of the name. `%`, `_` and backslashes are matched as themselves.
   */
  customers: CustomerConnection;
  /** The signed-in account, or null when the request carries no token. */
  me?: Maybe<Customer>;
  /**
   * One order. Customers see their own; staff and admins the orders of their store; drivers the
   * orders of their store they deliver, and those nobody delivers yet that they may claim.
   */
  order?: Maybe<Order>;
  /** One payment. Customers see their own; staff and admins those of their store; drivers none. */
  payment?: Maybe<Payment>;
  /** A store by its slug, or null if there is none. */
  store?: Maybe<Store>;
  /** All stores, for example to let a visitor choose one when registering. */
  stores: Array<Store>;
  /**
   * The caller's store's best customers by money spent (net of refunds), on orders placed since
   * `since` (all time when absent). `limit` is 1 to 100 (default 10). Staff and admins only.
   * All time, the list is read from per-customer totals kept as events arrive, ranked by an index:
   * `limit` rows, however many orders the store has. With `since` (any instant, UTC), it is summed
   * from the orders placed since then, so its cost grows with the orders in that period.
   */
  topCustomers: Array<CustomerSpend>;
};


export type QueryAverageOrderValueArgs = {
  since?: InputMaybe<Scalars['DateTime']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPaymentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStoreArgs = {
  slug: Scalars['String']['input'];
};


export type QueryTopCustomersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A refresh token to trade. */
export type RefreshTokenInput = {
  /** The refresh token from `login`, `register` or an earlier `refreshToken`. */
  refreshToken: Scalars['String']['input'];
};

/** Money given back from a payment. */
export type Refund = {
  __typename?: 'Refund';
  /** Amount refunded, in minor units. */
  amountCents: Scalars['Int']['output'];
  /** When it was refunded. */
  createdAt: Scalars['DateTime']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Why it was refunded. */
  reason?: Maybe<Scalars['String']['output']>;
};

/** How much of a payment to refund. */
export type RefundPaymentInput = {
  /** Amount in minor units of the payment's currency; at most what is still refundable. */
  amountCents: Scalars['Int']['input'];
  /** A unique key per refund (a UUID works well), so a retried request never refunds twice. */
  idempotencyKey: Scalars['String']['input'];
  /** The payment to refund. */
  paymentId: Scalars['ID']['input'];
  /** Why; shown to staff. At most 500 characters. */
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** Everything needed to create a customer account. */
export type RegisterInput = {
  /** Email address; must be unused at this store. */
  email: Scalars['String']['input'];
  /** Given name. */
  firstName: Scalars['String']['input'];
  /** Family name. */
  lastName: Scalars['String']['input'];
  /** Whether the customer agrees to marketing messages; defaults to false. */
  marketingConsent?: InputMaybe<Scalars['Boolean']['input']>;
  /** At least 12 characters. */
  password: Scalars['String']['input'];
  /** Phone number in international format, for example `+49 30 1234567`. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** BCP-47 language tag; defaults to `en`. */
  preferredLanguage?: InputMaybe<Scalars['String']['input']>;
  /** Slug of the store to register with. */
  storeSlug: Scalars['String']['input'];
};

/** What an account may do. Staff, drivers and admins sign in through the same `login` as customers. */
export type Role =
  /** A store administrator: everything staff may do, plus account administration. */
  | 'ADMIN'
  /** A shopper: sees and changes only their own data. */
  | 'CUSTOMER'
  /** A delivery driver working for the store. */
  | 'DRIVER'
  /** Store staff: sees the store's customers and serves them. */
  | 'STAFF';

/** How many orders are in one status. */
export type StatusCount = {
  __typename?: 'StatusCount';
  /** How many orders. */
  count: Scalars['Int']['output'];
  /** The order status (see the orders subgraph's OrderStatus). */
  status: Scalars['String']['output'];
};

/** A store, as the analytics subgraph sees it: the key, plus figures about its business. */
export type Store = {
  __typename?: 'Store';
  /**
   * Revenue, orders by status and average order value for orders placed in a period
   * (`since` inclusive, `until` exclusive; both optional, any instant, exact to the millisecond).
   * Staff and admins of this store only. Read from figures kept per store and UTC day and hour as
   * events arrive: the whole UTC days of the period, the whole UTC hours of the partial days at
   * either end, and the orders of the partial hours, so the cost grows with the days in the period,
   * not with the store's orders. Null only when the analytics service is unavailable
   * or refuses the caller.
   */
  analytics?: Maybe<StoreAnalytics>;
  /**
   * The analytics domain's audit log of this store (reads of customers' figures by staff and
   * admins: metrics, top customers), newest first, filtered by `filter`. For the store's admins
   * only; reading it is itself recorded (`audit_log.read`). `first` is at most 100 (default 20).
   * Null when refused, or when the analytics service is unavailable.
   */
  analyticsAuditLog?: Maybe<AuditEntryConnection>;
  /**
   * The customers domain's audit log of this store (sign-ins, profile and status changes, reads of
   * customers' data by staff and admins, erasures), newest first, filtered by `filter`. For the
   * store's admins only; reading it is itself recorded (`audit_log.read`). `first` is at most 100
   * (default 20). Null when refused.
   */
  auditLog?: Maybe<AuditEntryConnection>;
  /** ISO-4217 currency code every price in this store is quoted in, for example `EUR`. */
  currency: Scalars['String']['output'];
  /**
   * What the store charges for delivering an order, in minor units of the store's currency; added to
   * every new order (orders placed keep theirs). Null while the store is not set up to sell. Public.
   */
  deliveryFeeCents?: Maybe<Scalars['Int']['output']>;
  /** Stable identifier of the store (owned by the customers subgraph). */
  id: Scalars['ID']['output'];
  /** Everything the store sells, by category and name (removed items are not listed). Public. */
  menu: Array<MenuItem>;
  /** Display name, for example `Pizzeria Napoli`. */
  name: Scalars['String']['output'];
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
  /**
   * The payments domain's audit log of this store (refunds, reads of customers' payments by staff
   * and admins), newest first, filtered by `filter`. For the store's admins only; reading it is
   * itself recorded (`audit_log.read`). `first` is at most 100 (default 20). Null when refused, or
   * when the payments service is unavailable.
   */
  paymentsAuditLog?: Maybe<AuditEntryConnection>;
  /** URL-friendly unique name; used to choose the store when registering or signing in. */
  slug: Scalars['String']['output'];
};


/** A store, as the analytics subgraph sees it: the key, plus figures about its business. */
export type StoreAnalyticsArgs = {
  since?: InputMaybe<Scalars['DateTime']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


/** A store, as the analytics subgraph sees it: the key, plus figures about its business. */
export type StoreAnalyticsAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A store, as the analytics subgraph sees it: the key, plus figures about its business. */
export type StoreAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A store, as the analytics subgraph sees it: the key, plus figures about its business. */
export type StoreOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<OrderStatus>>;
};


/** A store, as the analytics subgraph sees it: the key, plus figures about its business. */
export type StoreOrdersAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A store, as the analytics subgraph sees it: the key, plus figures about its business. */
export type StorePaymentsAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** An account of a store's own people, created by someone else (no role here: the mutation says which). */
export type StoreAccountInput = {
  /** Email address; must be unused at the store. */
  email: Scalars['String']['input'];
  /** Given name. */
  firstName: Scalars['String']['input'];
  /** Family name. */
  lastName: Scalars['String']['input'];
  /** At least 12 characters: the rules of registration. */
  password: Scalars['String']['input'];
  /** Phone number in international format, for example `+49 30 1234567`. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** BCP-47 language tag; defaults to `en`. */
  preferredLanguage?: InputMaybe<Scalars['String']['input']>;
};

/** A store's figures for a period. Amounts are in minor units of `currency`. */
export type StoreAnalytics = {
  __typename?: 'StoreAnalytics';
  /** revenueCents divided by paid orders, rounded to the nearest minor unit; 0 without paid orders. */
  averageOrderValueCents: Scalars['Int']['output'];
  /** ISO-4217 currency of the amounts; null before the first order. */
  currency?: Maybe<Scalars['String']['output']>;
  /** Customers who registered in the period. */
  newCustomers: Scalars['Int']['output'];
  /** Orders placed in the period, in any status. */
  orderCount: Scalars['Int']['output'];
  /** Orders placed in the period, per current status (statuses with no orders are left out). */
  ordersByStatus: Array<StatusCount>;
  /** Money refunded. */
  refundedCents: Scalars['SafeInt']['output'];
  /** Money taken, net of refunds. */
  revenueCents: Scalars['SafeInt']['output'];
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

/** Profile fields a customer may change. Role, store and status are not among them on purpose. */
export type UpdateMeInput = {
  /** Given name. */
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** Family name. */
  lastName?: InputMaybe<Scalars['String']['input']>;
  /** Marketing consent. */
  marketingConsent?: InputMaybe<Scalars['Boolean']['input']>;
  /** Phone number in international format; null removes it. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** BCP-47 language tag. */
  preferredLanguage?: InputMaybe<Scalars['String']['input']>;
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

export type SignOutMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;


export type SignOutMutation = { __typename: 'Mutation', logout: boolean };

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;


export type RefreshSessionMutation = { __typename: 'Mutation', refreshToken: { __typename: 'AuthPayload', token: string, expiresAt: string, refreshToken: string, customer: { __typename: 'Customer', id: string, firstName: string, role: Role, store: { __typename: 'Store', slug: string } } } };

export type AddAddressMutationVariables = Exact<{
  input: AddAddressInput;
}>;


export type AddAddressMutation = { __typename: 'Mutation', addAddress: { __typename: 'Customer', id: string, addresses: Array<{ __typename: 'Address', id: string, line1: string, line2?: string | null, city: string, postalCode: string, country: string, isDefault: boolean }> } };

export type OrderDetailsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type OrderDetailsQuery = { __typename: 'Query', order?: { __typename: 'Order', id: string, orderNumber: string, status: OrderStatus, totalCents: number, currency: string, updatedAt: string, payments?: Array<{ __typename: 'Payment', id: string, status: PaymentStatus, amountCents: number }> | null } | null };

export type OrderUpdatesSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type OrderUpdatesSubscription = { __typename?: 'Subscription', orderUpdated: { __typename: 'Order', id: string, orderNumber: string, status: OrderStatus, updatedAt: string, payments?: Array<{ __typename: 'Payment', id: string, status: PaymentStatus, amountCents: number }> | null } };

export type MyOrdersQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MyOrdersQuery = { __typename: 'Query', me?: { __typename: 'Customer', id: string, orders?: { __typename: 'OrderConnection', totalCount: number, edges: Array<{ __typename: 'OrderEdge', cursor: string, node: { __typename: 'Order', id: string, orderNumber: string, status: OrderStatus, totalCents: number, currency: string, createdAt: string, items: Array<{ __typename: 'OrderItem', menuItemId: string, name: string, quantity: number }>, payments?: Array<{ __typename: 'Payment', id: string, status: PaymentStatus, amountCents: number, refundedCents: number, method?: { __typename: 'PaymentMethod', brand: string, last4: string } | null }> | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } | null } | null };

export type CheckoutQueryVariables = Exact<{ [key: string]: never; }>;


export type CheckoutQuery = { __typename: 'Query', me?: { __typename: 'Customer', id: string, store: { __typename: 'Store', id: string, name: string, currency: string, menu: Array<{ __typename: 'MenuItem', id: string, name: string, description?: string | null, category: string, priceCents: number, currency: string, available: boolean }> }, addresses: Array<{ __typename: 'Address', id: string, line1: string, line2?: string | null, city: string, postalCode: string, country: string, isDefault: boolean }> } | null };

export type PlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type PlaceOrderMutation = { __typename: 'Mutation', placeOrder: { __typename: 'Order', id: string, orderNumber: string, status: OrderStatus, totalCents: number, currency: string } };

export type PayOrderMutationVariables = Exact<{
  input: PayOrderInput;
}>;


export type PayOrderMutation = { __typename: 'Mutation', payOrder: { __typename: 'Payment', id: string, status: PaymentStatus, amountCents: number, currency: string, failureReason?: string | null, method?: { __typename: 'PaymentMethod', brand: string, last4: string } | null } };

export type MyProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type MyProfileQuery = { __typename: 'Query', me?: { __typename: 'Customer', id: string, customerNumber: string, firstName: string, lastName: string, email: string, orderCount?: number | null, store: { __typename: 'Store', id: string, name: string, slug: string, currency: string }, addresses: Array<{ __typename: 'Address', id: string, line1: string, city: string, postalCode: string, country: string, isDefault: boolean }> } & ({ __typename: 'Customer' } | { __typename: 'Customer' }) & ({ __typename?: 'Customer', metrics?: { __typename: 'CustomerMetrics', totalOrders: number, totalSpentCents: number, averageOrderValueCents: number, currency?: string | null } | null } | { __typename?: 'Customer', metrics?: never }) | null };

export type StoresQueryVariables = Exact<{ [key: string]: never; }>;


export type StoresQuery = { __typename: 'Query', stores: Array<{ __typename: 'Store', id: string, slug: string, name: string }> };

export type SignInMutationVariables = Exact<{
  input: LoginInput;
}>;


export type SignInMutation = { __typename: 'Mutation', login: { __typename: 'AuthPayload', token: string, expiresAt: string, refreshToken: string, customer: { __typename: 'Customer', id: string, firstName: string, role: Role, store: { __typename: 'Store', slug: string } } } };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { __typename: 'Mutation', register: { __typename: 'AuthPayload', token: string, expiresAt: string, refreshToken: string, customer: { __typename: 'Customer', id: string, firstName: string, role: Role, store: { __typename: 'Store', slug: string } } } };

export type StoreBoardQueryVariables = Exact<{
  slug: Scalars['String']['input'];
  status?: InputMaybe<Array<OrderStatus> | OrderStatus>;
}>;


export type StoreBoardQuery = { __typename: 'Query', store?: { __typename: 'Store', id: string, name: string, currency: string, orders?: { __typename: 'OrderConnection', totalCount: number, edges: Array<{ __typename: 'OrderEdge', node: { __typename: 'Order', id: string, orderNumber: string, status: OrderStatus, totalCents: number, currency: string, createdAt: string, updatedAt: string, items: Array<{ __typename: 'OrderItem', menuItemId: string, name: string, quantity: number }>, customer: { __typename: 'Customer', id: string, firstName: string, lastName: string } } }> } | null } | null };

export type BoardOrderFragment = { __typename: 'Order', id: string, orderNumber: string, status: OrderStatus, totalCents: number, currency: string, createdAt: string, updatedAt: string, items: Array<{ __typename: 'OrderItem', menuItemId: string, name: string, quantity: number }>, customer: { __typename: 'Customer', id: string, firstName: string, lastName: string } };

export type StoreOrderUpdatesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type StoreOrderUpdatesSubscription = { __typename?: 'Subscription', storeOrderUpdates: { __typename: 'Order', id: string, orderNumber: string, status: OrderStatus, totalCents: number, currency: string, createdAt: string, updatedAt: string, items: Array<{ __typename: 'OrderItem', menuItemId: string, name: string, quantity: number }>, customer: { __typename: 'Customer', id: string, firstName: string, lastName: string } } };

export type MoveOrderMutationVariables = Exact<{
  input: UpdateOrderStatusInput;
}>;


export type MoveOrderMutation = { __typename: 'Mutation', updateOrderStatus: { __typename: 'Order', id: string, orderNumber: string, status: OrderStatus, totalCents: number, currency: string, createdAt: string, updatedAt: string, items: Array<{ __typename: 'OrderItem', menuItemId: string, name: string, quantity: number }>, customer: { __typename: 'Customer', id: string, firstName: string, lastName: string } } };

export type StoreNumbersQueryVariables = Exact<{
  slug: Scalars['String']['input'];
  since: Scalars['DateTime']['input'];
}>;


export type StoreNumbersQuery = { __typename: 'Query', store?: { __typename: 'Store', id: string, analytics?: { __typename: 'StoreAnalytics', orderCount: number, revenueCents: number, refundedCents: number, averageOrderValueCents: number, newCustomers: number, currency?: string | null, ordersByStatus: Array<{ __typename: 'StatusCount', status: string, count: number }> } | null } | null, topCustomers: Array<{ __typename: 'CustomerSpend', totalSpentCents: number, orderCount: number, currency?: string | null, customer: { __typename: 'Customer', id: string, firstName: string, lastName: string, email: string } }> };

export type DeleteMyAccountMutationVariables = Exact<{
  input: DeleteMyAccountInput;
}>;


export type DeleteMyAccountMutation = { __typename: 'Mutation', deleteMyAccount: { __typename: 'ErasureReceipt', customerId: string, erasedAt: string } };

export const BoardOrderFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardOrder"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"menuItemId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]} as unknown as DocumentNode<BoardOrderFragment, unknown>;
export const SignOutDocument = {"__meta__":{"hash":"90673181d18c4bb9a47dc97303ef0ffc1d1eac41ffc2722f4757db1e5133ecc9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"logout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}}]}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const RefreshSessionDocument = {"__meta__":{"hash":"54a4f6b1f88d0caae0b0980914118adb764f66e7ff4fa0b564fc397c0aa7ca06"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const AddAddressDocument = {"__meta__":{"hash":"7f715c7384fb6ca97d69720283270fb76744c0f5d1d1e90d353f3fbf87a72672"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddAddress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddAddressInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"addAddress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"addresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]}}]} as unknown as DocumentNode<AddAddressMutation, AddAddressMutationVariables>;
export const OrderDetailsDocument = {"__meta__":{"hash":"e7a5a555dadfb4d8309c067143f1776ee046e291c23443f8dd4add58d0f30559"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}}]}}]}}]}}]} as unknown as DocumentNode<OrderDetailsQuery, OrderDetailsQueryVariables>;
export const OrderUpdatesDocument = {"__meta__":{"hash":"54b0afb36c4fab181f5bfa8440cc7cd6f9b76b0b0bf1dd0a843337108366c5e5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OrderUpdates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}}]}}]}}]}}]} as unknown as DocumentNode<OrderUpdatesSubscription, OrderUpdatesSubscriptionVariables>;
export const MyOrdersDocument = {"__meta__":{"hash":"82ec30733089b95a73220faa86139155613c2a868fbff491d0f166b936d9b521"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyOrders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"menuItemId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}},{"kind":"Field","name":{"kind":"Name","value":"method"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyOrdersQuery, MyOrdersQueryVariables>;
export const CheckoutDocument = {"__meta__":{"hash":"7bd830f7878a7764302d98aefc0eede68826dbc1bdea209d5b8b819ef743ff4a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Checkout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"menu"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"available"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"addresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]}}]} as unknown as DocumentNode<CheckoutQuery, CheckoutQueryVariables>;
export const PlaceOrderDocument = {"__meta__":{"hash":"9c982b4014a4a14152c2c3d76e8d18d5a832dba0cc0691de0a56c45298c5e70c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PlaceOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlaceOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"placeOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]} as unknown as DocumentNode<PlaceOrderMutation, PlaceOrderMutationVariables>;
export const PayOrderDocument = {"__meta__":{"hash":"569521e195917aee84cc730f418e6b04950e76c0c6ddae56b1df5a9a024c6b81"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PayOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PayOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"payOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"method"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}}]}}]}}]}}]} as unknown as DocumentNode<PayOrderMutation, PayOrderMutationVariables>;
export const MyProfileDocument = {"__meta__":{"hash":"78f5afc33d686409ab942ed6c3069c645deacf50204638a89add9fd075325107"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerNumber"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"addresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderCount"}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"metrics","block":false}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalOrders"}},{"kind":"Field","name":{"kind":"Name","value":"totalSpentCents"}},{"kind":"Field","name":{"kind":"Name","value":"averageOrderValueCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyProfileQuery, MyProfileQueryVariables>;
export const StoresDocument = {"__meta__":{"hash":"d19eff988f1f53001d9f239cbe0fccf189c587e416f60c2609fc9566b8e5ffd1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Stores"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"stores"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<StoresQuery, StoresQueryVariables>;
export const SignInDocument = {"__meta__":{"hash":"c4378501b401996249cb231145600c55753b00dd139c1bf702d99894cd2acaae"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const RegisterDocument = {"__meta__":{"hash":"25d667e6f337574fb26d3ba7ae2905f31cd33e2ec7101a98ad63dd41d6a0d481"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const StoreBoardDocument = {"__meta__":{"hash":"47b4eb5f16d18fb1ab99b1054e59b218f192a3498a7a0fa11ac8692f7f4a1be4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StoreBoard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderStatus"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"BoardOrder"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardOrder"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"menuItemId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]} as unknown as DocumentNode<StoreBoardQuery, StoreBoardQueryVariables>;
export const StoreOrderUpdatesDocument = {"__meta__":{"hash":"904591dac1436f12ccc05851d33a84bd92972d367df66c2834d085de366790dd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"StoreOrderUpdates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"storeOrderUpdates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"BoardOrder"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardOrder"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"menuItemId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]} as unknown as DocumentNode<StoreOrderUpdatesSubscription, StoreOrderUpdatesSubscriptionVariables>;
export const MoveOrderDocument = {"__meta__":{"hash":"389c9afb26d335c7ec360da2e631f4d9a354de8ff39542162e3fb92607ea0a80"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MoveOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateOrderStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"updateOrderStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"BoardOrder"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardOrder"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"menuItemId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]} as unknown as DocumentNode<MoveOrderMutation, MoveOrderMutationVariables>;
export const StoreNumbersDocument = {"__meta__":{"hash":"365cacbee00f379645078192c9aea26a22a07c13c10075b084c5c52e43ffbc22"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StoreNumbers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"analytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"orderCount"}},{"kind":"Field","name":{"kind":"Name","value":"revenueCents"}},{"kind":"Field","name":{"kind":"Name","value":"refundedCents"}},{"kind":"Field","name":{"kind":"Name","value":"averageOrderValueCents"}},{"kind":"Field","name":{"kind":"Name","value":"newCustomers"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"ordersByStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"topCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"5"}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalSpentCents"}},{"kind":"Field","name":{"kind":"Name","value":"orderCount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]} as unknown as DocumentNode<StoreNumbersQuery, StoreNumbersQueryVariables>;
export const DeleteMyAccountDocument = {"__meta__":{"hash":"ffe218a8035079a876d925cd01a45010e13d8be0a3123075e897565b5ef8154a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteMyAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteMyAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deleteMyAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"erasedAt"}}]}}]}}]} as unknown as DocumentNode<DeleteMyAccountMutation, DeleteMyAccountMutationVariables>;