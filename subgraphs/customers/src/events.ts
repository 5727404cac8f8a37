import type { NewEvent } from '@supergraph/service-kit';
import type { CustomerRow, StoreRow } from './db/schema.ts';

/**
 * The events this subgraph publishes: a public contract. It says what happened to an account;
 * who listens is not this subgraph's concern.
 */
export interface CustomerRegisteredV1 {
  customerId: string;
  storeId: string;
  registeredAt: string;
}

export const customerRegistered = (c: CustomerRow): NewEvent<CustomerRegisteredV1> => ({
  type: 'CustomerRegistered',
  aggregateType: 'Customer',
  aggregateId: c.id,
  occurredAt: c.createdAt,
  payload: { customerId: c.id, storeId: c.storeId, registeredAt: c.createdAt.toISOString() },
});

/** An account was deactivated or activated again; a deactivated account can no longer sign in. */
export interface AccountStatusChangedV1 {
  customerId: string;
  storeId: string;
  isActive: boolean;
  changedAt: string;
}

export const accountStatusChanged = (c: CustomerRow): NewEvent<AccountStatusChangedV1> => ({
  type: 'AccountStatusChanged',
  aggregateType: 'Customer',
  aggregateId: c.id,
  occurredAt: c.updatedAt,
  payload: { customerId: c.id, storeId: c.storeId, isActive: c.isActive, changedAt: c.updatedAt.toISOString() },
});

/**
 * An account was erased (the right to erasure). Every domain erases or pseudonymises what it
 * holds about `customerId`, keeping what accounting needs (amounts, dates) without the person.
 * The account can never sign in again.
 */
export interface CustomerErasedV1 {
  customerId: string;
  storeId: string;
  erasedAt: string;
  /** Who asked: the customer themselves (deleteMyAccount) or an admin of the store (eraseCustomer). */
  requestedBy: 'CUSTOMER' | 'ADMIN';
}

export const customerErased = (c: CustomerRow, requestedBy: CustomerErasedV1['requestedBy']): NewEvent<CustomerErasedV1> => ({
  type: 'CustomerErased',
  aggregateType: 'Customer',
  aggregateId: c.id,
  occurredAt: c.erasedAt!,
  payload: { customerId: c.id, storeId: c.storeId, erasedAt: c.erasedAt!.toISOString(), requestedBy },
});

/**
 * A store was opened on the platform. Domains that sell or serve for stores set themselves up for
 * it (orders: the store's selling settings, in its currency). No name: events carry no free text.
 */
export interface StoreOpenedV1 {
  storeId: string;
  /** ISO-4217 code every price of the store is quoted in. */
  currency: string;
  openedAt: string;
}

export const storeOpened = (s: StoreRow): NewEvent<StoreOpenedV1> => ({
  type: 'StoreOpened',
  aggregateType: 'Store',
  aggregateId: s.id,
  occurredAt: s.createdAt,
  payload: { storeId: s.id, currency: s.currency, openedAt: s.createdAt.toISOString() },
});
