import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerRef } from '../resolvers/Customer.ts';
import type { StoreRef } from '../resolvers/Store.ts';
import type { AuditLogEntry, AuditLogPage } from '@supergraph/service-kit';
import type { MetricsFigures } from '../metrics.ts';
import type { Context } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
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
  /** An integer from -(2^53-1) to 2^53-1, exact in JSON and JavaScript. Used for sums of money in minor units. */
  SafeInt: { input: number; output: number; }
  _FieldSet: { input: any; output: any; }
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

/** A customer, as the analytics subgraph sees it: the key, plus figures about the customer. */
export type Customer = {
  __typename?: 'Customer';
  /**
   * The analytics domain's part of the customer's personal data export: the customer's totals and
   * every order fact recorded about them (amounts, statuses, times). For the customer, and admins of
   * their store (their store's facts).
   */
  analyticsPersonalData?: Maybe<PersonalDataPart>;
  /** Stable identifier of the account (owned by the customers subgraph). */
  id: Scalars['ID']['output'];
  /**
   * What the customer has ordered and spent. A customer with no orders gets zeros, never null.
   * The customer sees their own; staff and admins see figures for orders at their store.
   * Null only when the analytics service is unavailable (or refuses the caller), so that an outage
   * nulls only this field, not the whole customer.
   */
  metrics?: Maybe<CustomerMetrics>;
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
  /**
   * The caller's store's average paid order for orders placed in a period (`since` inclusive,
   * `until` exclusive). Staff and admins only. Like `Store.analytics`: whole UTC days and hours
   * from the figures kept per day and hour, the partial hours at either end from the orders themselves.
   */
  averageOrderValue: AverageOrderValue;
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


export type QueryTopCustomersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
};

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
  /** Stable identifier of the store (owned by the customers subgraph). */
  id: Scalars['ID']['output'];
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
  AuditEntry: ResolverTypeWrapper<AuditLogEntry>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEntryConnection: ResolverTypeWrapper<AuditLogPage>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditEntryEdge: ResolverTypeWrapper<Omit<AuditEntryEdge, 'node'> & { node: ResolversTypes['AuditEntry'] }>;
  AuditLogFilter: AuditLogFilter;
  AverageOrderValue: ResolverTypeWrapper<AverageOrderValue>;
  Customer: ResolverTypeWrapper<CustomerRef>;
  CustomerMetrics: ResolverTypeWrapper<MetricsFigures>;
  CustomerSpend: ResolverTypeWrapper<Omit<CustomerSpend, 'customer'> & { customer: ResolversTypes['Customer'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PersonalDataPart: ResolverTypeWrapper<PersonalDataPart>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  StatusCount: ResolverTypeWrapper<StatusCount>;
  Store: ResolverTypeWrapper<StoreRef>;
  StoreAnalytics: ResolverTypeWrapper<StoreAnalytics>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AuditEntry: AuditLogEntry;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AuditEntryConnection: AuditLogPage;
  Int: Scalars['Int']['output'];
  AuditEntryEdge: Omit<AuditEntryEdge, 'node'> & { node: ResolversParentTypes['AuditEntry'] };
  AuditLogFilter: AuditLogFilter;
  AverageOrderValue: AverageOrderValue;
  Customer: CustomerRef;
  CustomerMetrics: MetricsFigures;
  CustomerSpend: Omit<CustomerSpend, 'customer'> & { customer: ResolversParentTypes['Customer'] };
  DateTime: Scalars['DateTime']['output'];
  JSONObject: Scalars['JSONObject']['output'];
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PersonalDataPart: PersonalDataPart;
  Query: Record<PropertyKey, never>;
  SafeInt: Scalars['SafeInt']['output'];
  StatusCount: StatusCount;
  Store: StoreRef;
  StoreAnalytics: StoreAnalytics;
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

export type AverageOrderValueResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AverageOrderValue'] = ResolversParentTypes['AverageOrderValue']> = {
  averageOrderValueCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  paidOrders?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CustomerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  analyticsPersonalData?: Resolver<Maybe<ResolversTypes['PersonalDataPart']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metrics?: Resolver<Maybe<ResolversTypes['CustomerMetrics']>, ParentType, ContextType>;
};

export type CustomerMetricsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CustomerMetrics'] = ResolversParentTypes['CustomerMetrics']> = {
  averageOrderValueCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cancelledOrders?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  completedOrders?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  firstOrderAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastOrderAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  totalOrders?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalSpentCents?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
};

export type CustomerSpendResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CustomerSpend'] = ResolversParentTypes['CustomerSpend']> = {
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  customer?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  orderCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalSpentCents?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

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
  averageOrderValue?: Resolver<ResolversTypes['AverageOrderValue'], ParentType, ContextType, Partial<QueryAverageOrderValueArgs>>;
  topCustomers?: Resolver<Array<ResolversTypes['CustomerSpend']>, ParentType, ContextType, Partial<QueryTopCustomersArgs>>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type StatusCountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['StatusCount'] = ResolversParentTypes['StatusCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StoreResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Store'] = ResolversParentTypes['Store'], FederationReferenceType extends FederationReferenceTypes['Store'] = FederationReferenceTypes['Store']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Store']> | FederationReferenceType, FederationReferenceType, ContextType>;
  analytics?: Resolver<Maybe<ResolversTypes['StoreAnalytics']>, ParentType, ContextType, Partial<StoreAnalyticsArgs>>;
  analyticsAuditLog?: Resolver<Maybe<ResolversTypes['AuditEntryConnection']>, ParentType, ContextType, Partial<StoreAnalyticsAuditLogArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type StoreAnalyticsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['StoreAnalytics'] = ResolversParentTypes['StoreAnalytics']> = {
  averageOrderValueCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  newCustomers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  orderCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ordersByStatus?: Resolver<Array<ResolversTypes['StatusCount']>, ParentType, ContextType>;
  refundedCents?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  revenueCents?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  AverageOrderValue?: AverageOrderValueResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  CustomerMetrics?: CustomerMetricsResolvers<ContextType>;
  CustomerSpend?: CustomerSpendResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSONObject?: GraphQLScalarType;
  PageInfo?: PageInfoResolvers<ContextType>;
  PersonalDataPart?: PersonalDataPartResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
  StatusCount?: StatusCountResolvers<ContextType>;
  Store?: StoreResolvers<ContextType>;
  StoreAnalytics?: StoreAnalyticsResolvers<ContextType>;
};

