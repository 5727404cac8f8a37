import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderRow, MenuItemRow, OrderLine, Address } from '../db/schema.ts';
import type { CustomerRef, OrderConnectionRef } from '../resolvers/Customer.ts';
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

/** An order to cancel. */
export type CancelOrderInput = {
  /** The order to cancel. */
  orderId: Scalars['ID']['input'];
  /** Why; at most 500 characters. */
  reason?: InputMaybe<Scalars['String']['input']>;
};

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
   * The customer's orders, newest first. A customer sees all their own orders; staff, drivers and
   * admins see the ones placed at their store. `first` is at most 100 (default 20).
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
  /** Cancels an order: the same as `updateOrderStatus` with status CANCELLED. */
  cancelOrder: Order;
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
   * PREPARING → OUT_FOR_DELIVERY → DELIVERED by drivers or admins of the store;
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


export type MutationCancelOrderArgs = {
  input: CancelOrderInput;
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
  /** The orders on this page. */
  edges: Array<OrderEdge>;
  /** How to get the next page. */
  pageInfo: PageInfo;
  /** How many orders there are in all, on every page (with the same filter). */
  totalCount: Scalars['Int']['output'];
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
  /** One order. Customers see their own; staff, drivers and admins the orders of their store. */
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
   * `[CONFIRMED, ACCEPTED, PREPARING]`). For the staff and admins of this store; anyone else is
   * FORBIDDEN. `first` is at most 100 (default 20). Null only when the orders service is unavailable.
   */
  orders?: Maybe<OrderConnection>;
};


/** A store, as the orders subgraph sees it: the key, plus what it sells. */
export type StoreOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<OrderStatus>>;
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
   * One order's changes, for its customer, the staff and admins of its store, and a driver of its
   * store while the order is out for delivery. Completes after the order is delivered or cancelled.
   * An order that does not exist is NOT_FOUND; one the caller may not follow is FORBIDDEN.
   */
  orderUpdated: Order;
  /**
   * Changes to the orders of the caller's store, optionally only those that move into one of
   * `status` (the kitchen board: `[CONFIRMED, ACCEPTED, PREPARING]`). Staff and admins see every
   * status; drivers follow the pickup board only: ACCEPTED, PREPARING and OUT_FOR_DELIVERY (asking
   * for another status is FORBIDDEN).
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
  CancelOrderInput: CancelOrderInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
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
  UpdateMenuItemInput: UpdateMenuItemInput;
  UpdateOrderStatusInput: UpdateOrderStatusInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddMenuItemInput: AddMenuItemInput;
  Boolean: Scalars['Boolean']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  CancelOrderInput: CancelOrderInput;
  ID: Scalars['ID']['output'];
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
  UpdateMenuItemInput: UpdateMenuItemInput;
  UpdateOrderStatusInput: UpdateOrderStatusInput;
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
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'input'>>;
  placeOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
  removeMenuItem?: Resolver<ResolversTypes['MenuItem'], ParentType, ContextType, RequireFields<MutationRemoveMenuItemArgs, 'id'>>;
  setDeliveryFee?: Resolver<ResolversTypes['Store'], ParentType, ContextType, RequireFields<MutationSetDeliveryFeeArgs, 'deliveryFeeCents'>>;
  updateMenuItem?: Resolver<ResolversTypes['MenuItem'], ParentType, ContextType, RequireFields<MutationUpdateMenuItemArgs, 'input'>>;
  updateOrderStatus?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationUpdateOrderStatusArgs, 'input'>>;
};

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cancelReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  customer?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  deliveryAddress?: Resolver<ResolversTypes['DeliveryAddress'], ParentType, ContextType>;
  deliveryFeeCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
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
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  myOrderUpdates?: SubscriptionResolver<ResolversTypes['Order'], "myOrderUpdates", ParentType, ContextType>;
  orderUpdated?: SubscriptionResolver<ResolversTypes['Order'], "orderUpdated", ParentType, ContextType, RequireFields<SubscriptionOrderUpdatedArgs, 'orderId'>>;
  storeOrderUpdates?: SubscriptionResolver<ResolversTypes['Order'], "storeOrderUpdates", ParentType, ContextType, Partial<SubscriptionStoreOrderUpdatesArgs>>;
};

export type Resolvers<ContextType = Context> = {
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

