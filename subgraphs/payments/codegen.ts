import { subgraphCodegen } from '@supergraph/service-kit/codegen';

// Resolver types generated from the SDL; the mappers say which row or reference stands behind each type.
export default subgraphCodegen({
  Payment: '../db/schema.ts#PaymentRow',
  Refund: '../db/schema.ts#RefundRow',
  Order: '../resolvers/Order.ts#OrderRef',
  Customer: '../resolvers/Customer.ts#CustomerRef',
  PaymentConnection: '../resolvers/Customer.ts#PaymentConnectionRef',
  AuditEntry: '@supergraph/service-kit#AuditLogEntry',
  AuditEntryConnection: '@supergraph/service-kit#AuditLogPage',
  Store: '../resolvers/Store.ts#StoreRef',
});
