import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PaymentRow, RefundRow } from '../db/schema.ts';
import type { OrderRef } from '../resolvers/Order.ts';
import type { CustomerRef, PaymentConnectionRef } from '../resolvers/Customer.ts';
import type { AuditLogEntry, AuditLogPage } from '@supergraph/service-kit';
import type { StoreRef } from '../resolvers/Store.ts';
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

/** A customer, as the payments subgraph sees it: the key, plus the customer's payments. */
export type Customer = {
  __typename?: 'Customer';
  /** Stable identifier of the account (owned by the customers subgraph). */
  id: Scalars['ID']['output'];
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
};


/** A customer, as the payments subgraph sees it: the key, plus the customer's payments. */
export type CustomerPaymentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
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
   * Refunds part or all of a captured payment. Staff and admins of the payment's store only.
   * Refunds never add up to more than was captured, also when requested concurrently; the payment
   * becomes PARTIALLY_REFUNDED or REFUNDED. Idempotent per payment and `idempotencyKey`.
   */
  refundPayment: Payment;
};


export type MutationPayOrderArgs = {
  input: PayOrderInput;
};


export type MutationRefundPaymentArgs = {
  input: RefundPaymentInput;
};

/** An order, as the payments subgraph sees it: the key, plus the payments made for it. */
export type Order = {
  __typename?: 'Order';
  /** Stable identifier of the order (owned by the orders subgraph). */
  id: Scalars['ID']['output'];
  /**
   * Every payment attempt for this order, newest first, including declined ones.
   * Null only when the payments service is unavailable (or refuses the caller).
   */
  payments?: Maybe<Array<Payment>>;
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

export type Query = {
  __typename?: 'Query';
  /** One payment. Customers see their own; staff and admins those of their store; drivers none. */
  payment?: Maybe<Payment>;
};


export type QueryPaymentArgs = {
  id: Scalars['ID']['input'];
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

/** A store, as the payments subgraph sees it: the key, plus its payments audit log. */
export type Store = {
  __typename?: 'Store';
  /** Stable identifier of the store (owned by the customers subgraph). */
  id: Scalars['ID']['output'];
  /**
   * The payments domain's audit log of this store (refunds, reads of customers' payments by staff
   * and admins), newest first, filtered by `filter`. For the store's admins only; reading it is
   * itself recorded (`audit_log.read`). `first` is at most 100 (default 20). Null when refused, or
   * when the payments service is unavailable.
   */
  paymentsAuditLog?: Maybe<AuditEntryConnection>;
};


/** A store, as the payments subgraph sees it: the key, plus its payments audit log. */
export type StorePaymentsAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
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
  Payment: Payment;
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
  Payment:
    ( { __typename: 'Payment' }
    & GraphQLRecursivePick<FederationTypes['Payment'], {"id":true}> );
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
  Customer: ResolverTypeWrapper<CustomerRef>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderRef>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PayOrderInput: PayOrderInput;
  Payment: ResolverTypeWrapper<PaymentRow>;
  PaymentConnection: ResolverTypeWrapper<PaymentConnectionRef>;
  PaymentEdge: ResolverTypeWrapper<Omit<PaymentEdge, 'node'> & { node: ResolversTypes['Payment'] }>;
  PaymentMethod: ResolverTypeWrapper<PaymentMethod>;
  PaymentStatus: PaymentStatus;
  PersonalDataPart: ResolverTypeWrapper<PersonalDataPart>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Refund: ResolverTypeWrapper<RefundRow>;
  RefundPaymentInput: RefundPaymentInput;
  Store: ResolverTypeWrapper<StoreRef>;
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
  Customer: CustomerRef;
  DateTime: Scalars['DateTime']['output'];
  JSONObject: Scalars['JSONObject']['output'];
  Mutation: Record<PropertyKey, never>;
  Order: OrderRef;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PayOrderInput: PayOrderInput;
  Payment: PaymentRow;
  PaymentConnection: PaymentConnectionRef;
  PaymentEdge: Omit<PaymentEdge, 'node'> & { node: ResolversParentTypes['Payment'] };
  PaymentMethod: PaymentMethod;
  PersonalDataPart: PersonalDataPart;
  Query: Record<PropertyKey, never>;
  Refund: RefundRow;
  RefundPaymentInput: RefundPaymentInput;
  Store: StoreRef;
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

export type CustomerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payments?: Resolver<Maybe<ResolversTypes['PaymentConnection']>, ParentType, ContextType, Partial<CustomerPaymentsArgs>>;
  paymentsPersonalData?: Resolver<Maybe<ResolversTypes['PersonalDataPart']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  payOrder?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationPayOrderArgs, 'input'>>;
  refundPayment?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationRefundPaymentArgs, 'input'>>;
};

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payments?: Resolver<Maybe<Array<ResolversTypes['Payment']>>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PaymentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Payment'] = ResolversParentTypes['Payment'], FederationReferenceType extends FederationReferenceTypes['Payment'] = FederationReferenceTypes['Payment']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Payment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amountCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  customer?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  method?: Resolver<Maybe<ResolversTypes['PaymentMethod']>, ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  processedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  refundedCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refunds?: Resolver<Array<ResolversTypes['Refund']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PaymentStatus'], ParentType, ContextType>;
};

export type PaymentConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PaymentConnection'] = ResolversParentTypes['PaymentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PaymentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PaymentEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PaymentEdge'] = ResolversParentTypes['PaymentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Payment'], ParentType, ContextType>;
};

export type PaymentMethodResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PaymentMethod'] = ResolversParentTypes['PaymentMethod']> = {
  brand?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  last4?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PersonalDataPartResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PersonalDataPart'] = ResolversParentTypes['PersonalDataPart']> = {
  data?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  readAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  payment?: Resolver<Maybe<ResolversTypes['Payment']>, ParentType, ContextType, RequireFields<QueryPaymentArgs, 'id'>>;
};

export type RefundResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Refund'] = ResolversParentTypes['Refund']> = {
  amountCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type StoreResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Store'] = ResolversParentTypes['Store'], FederationReferenceType extends FederationReferenceTypes['Store'] = FederationReferenceTypes['Store']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Store']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  paymentsAuditLog?: Resolver<Maybe<ResolversTypes['AuditEntryConnection']>, ParentType, ContextType, Partial<StorePaymentsAuditLogArgs>>;
};

export type Resolvers<ContextType = Context> = {
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSONObject?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Payment?: PaymentResolvers<ContextType>;
  PaymentConnection?: PaymentConnectionResolvers<ContextType>;
  PaymentEdge?: PaymentEdgeResolvers<ContextType>;
  PaymentMethod?: PaymentMethodResolvers<ContextType>;
  PersonalDataPart?: PersonalDataPartResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Refund?: RefundResolvers<ContextType>;
  Store?: StoreResolvers<ContextType>;
};

