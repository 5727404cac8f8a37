import { forbidden, requireViewer, type Viewer } from '@supergraph/service-kit';
import type { PaymentRow } from './db/schema.ts';

/**
 * Who may see payments: a customer their own; staff and admins those made at their store.
 * Drivers never see payments.
 */
export function paymentViewer(viewer: Viewer | null): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.role === 'DRIVER') throw forbidden('Drivers may not see payments.');
  return signedIn;
}

export function paymentScopeFor(viewer: Viewer | null, customerId: string): { storeId: string | null } {
  const signedIn = paymentViewer(viewer);
  if (signedIn.role === 'CUSTOMER') {
    if (signedIn.accountId !== customerId) throw forbidden("You may not see another customer's payments.");
    return { storeId: null };
  }
  return { storeId: signedIn.storeId };
}

export const canSeePayment = (viewer: Viewer, payment: Pick<PaymentRow, 'customerId' | 'storeId'>) =>
  viewer.role === 'CUSTOMER' ? viewer.accountId === payment.customerId : viewer.role !== 'DRIVER' && viewer.storeId === payment.storeId;

export function visiblePayment(viewer: Viewer | null, payment: PaymentRow | null): PaymentRow | null {
  if (!payment) return null;
  const signedIn = paymentViewer(viewer);
  if (!canSeePayment(signedIn, payment)) throw forbidden('You may not see this payment.');
  return payment;
}
