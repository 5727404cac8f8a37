import { subgraphCodegen } from '@supergraph/service-kit/codegen';

// Resolver types generated from the SDL; the mappers say which row or reference stands behind each type.
export default subgraphCodegen({
  Order: '../db/schema.ts#OrderRow',
  MenuItem: '../db/schema.ts#MenuItemRow',
  OrderItem: '../db/schema.ts#OrderLine',
  DeliveryAddress: '../db/schema.ts#Address',
  Customer: '../resolvers/Customer.ts#CustomerRef',
  OrderConnection: '../resolvers/Customer.ts#OrderConnectionRef',
  Store: '../resolvers/Store.ts#StoreRef',
  AuditEntry: '@supergraph/service-kit#AuditLogEntry',
  AuditEntryConnection: '@supergraph/service-kit#AuditLogPage',
});
