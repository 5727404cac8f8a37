import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerRow, StoreRow, AddressRow } from '../db/schema.ts';
import type { CustomerConnectionRef } from '../resolvers/Query.ts';
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

/**
 * A person with an account at a store. Other subgraphs add their own fields to this type
 * through federation; this subgraph owns the profile and knows nothing of them.
 */
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
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Human-friendly account number for support conversations, for example `C-000042`. */
  customerNumber: Scalars['String']['output'];
  /** Email address, unique within the store; stored in lower case. */
  email: Scalars['String']['output'];
  /** Given name. */
  firstName: Scalars['String']['output'];
  /** Stable identifier of the account. */
  id: Scalars['ID']['output'];
  /** Deactivated accounts cannot sign in. */
  isActive: Scalars['Boolean']['output'];
  /** Family name. */
  lastName: Scalars['String']['output'];
  /** Whether the customer agreed to receive marketing messages. */
  marketingConsent: Scalars['Boolean']['output'];
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

/** The password again, to erase one's own account. */
export type DeleteMyAccountInput = {
  /** The account's current password. */
  password: Scalars['String']['input'];
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

export type Mutation = {
  __typename?: 'Mutation';
  /** Saves an address for the signed-in account. */
  addAddress: Customer;
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
   * Trades a refresh token for a new access token and a new refresh token; the old refresh token
   * stops working. Presenting a refresh token a second time signs that session out everywhere.
   * Send it without an Authorization header (the access token may have expired).
   */
  refreshToken: AuthPayload;
  /** Creates a customer account at a store and signs it in. */
  register: AuthPayload;
  /**
   * Activates or deactivates an account of the caller's store; a deactivated account cannot sign in.
   * Staff may change customers' accounts; admins customers', drivers' and staff's. Nobody may change
   * their own account or an admin's (FORBIDDEN).
   */
  setCustomerStatus: Customer;
  /** Changes the signed-in account's own profile. Fields left out stay as they are. */
  updateMe: Customer;
};


export type MutationAddAddressArgs = {
  input: AddAddressInput;
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


export type MutationRefreshTokenArgs = {
  input: RefreshTokenInput;
};


export type MutationRegisterArgs = {
  input: RegisterInput;
};


export type MutationSetCustomerStatusArgs = {
  id: Scalars['ID']['input'];
  isActive: Scalars['Boolean']['input'];
};


export type MutationUpdateMeArgs = {
  input: UpdateMeInput;
};

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

export type Query = {
  __typename?: 'Query';
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
  /** A store by its slug, or null if there is none. */
  store?: Maybe<Store>;
  /** All stores, for example to let a visitor choose one when registering. */
  stores: Array<Store>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryStoreArgs = {
  slug: Scalars['String']['input'];
};

/** A refresh token to trade. */
export type RefreshTokenInput = {
  /** The refresh token from `login`, `register` or an earlier `refreshToken`. */
  refreshToken: Scalars['String']['input'];
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

/** A shop or restaurant. Every account (customer, staff, driver, admin) belongs to exactly one store. */
export type Store = {
  __typename?: 'Store';
  /**
   * The customers domain's audit log of this store (sign-ins, profile and status changes, reads of
   * customers' data by staff and admins, erasures), newest first, filtered by `filter`. For the
   * store's admins only; reading it is itself recorded (`audit_log.read`). `first` is at most 100
   * (default 20). Null when refused.
   */
  auditLog?: Maybe<AuditEntryConnection>;
  /** ISO-4217 currency code every price in this store is quoted in, for example `EUR`. */
  currency: Scalars['String']['output'];
  /** Stable identifier of the store. */
  id: Scalars['ID']['output'];
  /** Display name, for example `Pizzeria Napoli`. */
  name: Scalars['String']['output'];
  /** URL-friendly unique name; used to choose the store when registering or signing in. */
  slug: Scalars['String']['output'];
};


/** A shop or restaurant. Every account (customer, staff, driver, admin) belongs to exactly one store. */
export type StoreAuditLogArgs = {
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
  Store: Store;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Customer:
    ( { __typename: 'Customer' }
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}> );
  Store:
    ( { __typename: 'Store' }
    & GraphQLRecursivePick<FederationTypes['Store'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddAddressInput: AddAddressInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Address: ResolverTypeWrapper<AddressRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEntry: ResolverTypeWrapper<AuditLogEntry>;
  AuditEntryConnection: ResolverTypeWrapper<AuditLogPage>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditEntryEdge: ResolverTypeWrapper<Omit<AuditEntryEdge, 'node'> & { node: ResolversTypes['AuditEntry'] }>;
  AuditLogFilter: AuditLogFilter;
  AuthPayload: ResolverTypeWrapper<Omit<AuthPayload, 'customer'> & { customer: ResolversTypes['Customer'] }>;
  Count: ResolverTypeWrapper<Count>;
  CountPrecision: CountPrecision;
  CreateStoreAccountInput: CreateStoreAccountInput;
  CreateStoreInput: CreateStoreInput;
  CreateStorePayload: ResolverTypeWrapper<Omit<CreateStorePayload, 'admin' | 'store'> & { admin: ResolversTypes['Customer'], store: ResolversTypes['Store'] }>;
  Customer: ResolverTypeWrapper<CustomerRow>;
  CustomerConnection: ResolverTypeWrapper<CustomerConnectionRef>;
  CustomerEdge: ResolverTypeWrapper<Omit<CustomerEdge, 'node'> & { node: ResolversTypes['Customer'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeleteMyAccountInput: DeleteMyAccountInput;
  ErasureReceipt: ResolverTypeWrapper<ErasureReceipt>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  LoginInput: LoginInput;
  LogoutInput: LogoutInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PersonalDataPart: ResolverTypeWrapper<PersonalDataPart>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RefreshTokenInput: RefreshTokenInput;
  RegisterInput: RegisterInput;
  Role: Role;
  Store: ResolverTypeWrapper<StoreRow>;
  StoreAccountInput: StoreAccountInput;
  UpdateMeInput: UpdateMeInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddAddressInput: AddAddressInput;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  Address: AddressRow;
  ID: Scalars['ID']['output'];
  AuditEntry: AuditLogEntry;
  AuditEntryConnection: AuditLogPage;
  Int: Scalars['Int']['output'];
  AuditEntryEdge: Omit<AuditEntryEdge, 'node'> & { node: ResolversParentTypes['AuditEntry'] };
  AuditLogFilter: AuditLogFilter;
  AuthPayload: Omit<AuthPayload, 'customer'> & { customer: ResolversParentTypes['Customer'] };
  Count: Count;
  CreateStoreAccountInput: CreateStoreAccountInput;
  CreateStoreInput: CreateStoreInput;
  CreateStorePayload: Omit<CreateStorePayload, 'admin' | 'store'> & { admin: ResolversParentTypes['Customer'], store: ResolversParentTypes['Store'] };
  Customer: CustomerRow;
  CustomerConnection: CustomerConnectionRef;
  CustomerEdge: Omit<CustomerEdge, 'node'> & { node: ResolversParentTypes['Customer'] };
  DateTime: Scalars['DateTime']['output'];
  DeleteMyAccountInput: DeleteMyAccountInput;
  ErasureReceipt: ErasureReceipt;
  JSONObject: Scalars['JSONObject']['output'];
  LoginInput: LoginInput;
  LogoutInput: LogoutInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PersonalDataPart: PersonalDataPart;
  Query: Record<PropertyKey, never>;
  RefreshTokenInput: RefreshTokenInput;
  RegisterInput: RegisterInput;
  Store: StoreRow;
  StoreAccountInput: StoreAccountInput;
  UpdateMeInput: UpdateMeInput;
};

export type AddressResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address']> = {
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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

export type AuthPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = {
  customer?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refreshTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Count'] = ResolversParentTypes['Count']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  precision?: Resolver<ResolversTypes['CountPrecision'], ParentType, ContextType>;
};

export type CreateStorePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreateStorePayload'] = ResolversParentTypes['CreateStorePayload']> = {
  admin?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  store?: Resolver<ResolversTypes['Store'], ParentType, ContextType>;
};

export type CustomerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  accountPersonalData?: Resolver<Maybe<ResolversTypes['PersonalDataPart']>, ParentType, ContextType>;
  addresses?: Resolver<Array<ResolversTypes['Address']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  customerNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  firstName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isActive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lastName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  marketingConsent?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  preferredLanguage?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  store?: Resolver<ResolversTypes['Store'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type CustomerConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CustomerConnection'] = ResolversParentTypes['CustomerConnection']> = {
  countUpTo?: Resolver<ResolversTypes['Count'], ParentType, ContextType, RequireFields<CustomerConnectionCountUpToArgs, 'limit'>>;
  edges?: Resolver<Array<ResolversTypes['CustomerEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CustomerEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CustomerEdge'] = ResolversParentTypes['CustomerEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ErasureReceiptResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ErasureReceipt'] = ResolversParentTypes['ErasureReceipt']> = {
  customerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  erasedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addAddress?: Resolver<ResolversTypes['Customer'], ParentType, ContextType, RequireFields<MutationAddAddressArgs, 'input'>>;
  createStore?: Resolver<ResolversTypes['CreateStorePayload'], ParentType, ContextType, RequireFields<MutationCreateStoreArgs, 'input'>>;
  createStoreAccount?: Resolver<ResolversTypes['Customer'], ParentType, ContextType, RequireFields<MutationCreateStoreAccountArgs, 'input'>>;
  deleteMyAccount?: Resolver<ResolversTypes['ErasureReceipt'], ParentType, ContextType, RequireFields<MutationDeleteMyAccountArgs, 'input'>>;
  eraseCustomer?: Resolver<ResolversTypes['ErasureReceipt'], ParentType, ContextType, RequireFields<MutationEraseCustomerArgs, 'id' | 'reason'>>;
  login?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'input'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationLogoutArgs, 'input'>>;
  refreshToken?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshTokenArgs, 'input'>>;
  register?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRegisterArgs, 'input'>>;
  setCustomerStatus?: Resolver<ResolversTypes['Customer'], ParentType, ContextType, RequireFields<MutationSetCustomerStatusArgs, 'id' | 'isActive'>>;
  updateMe?: Resolver<ResolversTypes['Customer'], ParentType, ContextType, RequireFields<MutationUpdateMeArgs, 'input'>>;
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
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerArgs, 'id'>>;
  customers?: Resolver<ResolversTypes['CustomerConnection'], ParentType, ContextType, Partial<QueryCustomersArgs>>;
  me?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  store?: Resolver<Maybe<ResolversTypes['Store']>, ParentType, ContextType, RequireFields<QueryStoreArgs, 'slug'>>;
  stores?: Resolver<Array<ResolversTypes['Store']>, ParentType, ContextType>;
};

export type StoreResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Store'] = ResolversParentTypes['Store'], FederationReferenceType extends FederationReferenceTypes['Store'] = FederationReferenceTypes['Store']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Store']> | FederationReferenceType, FederationReferenceType, ContextType>;
  auditLog?: Resolver<Maybe<ResolversTypes['AuditEntryConnection']>, ParentType, ContextType, Partial<StoreAuditLogArgs>>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  Address?: AddressResolvers<ContextType>;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  Count?: CountResolvers<ContextType>;
  CreateStorePayload?: CreateStorePayloadResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  CustomerConnection?: CustomerConnectionResolvers<ContextType>;
  CustomerEdge?: CustomerEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  ErasureReceipt?: ErasureReceiptResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PersonalDataPart?: PersonalDataPartResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Store?: StoreResolvers<ContextType>;
};

