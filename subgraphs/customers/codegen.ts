import { subgraphCodegen } from '@supergraph/service-kit/codegen';

// Resolver types generated from the SDL; the mappers say which row or reference stands behind each type.
export default subgraphCodegen({
  Customer: '../db/schema.ts#CustomerRow',
  Store: '../db/schema.ts#StoreRow',
  Address: '../db/schema.ts#AddressRow',
  CustomerConnection: '../resolvers/Query.ts#CustomerConnectionRef',
  AuditEntry: '@supergraph/service-kit#AuditLogEntry',
  AuditEntryConnection: '@supergraph/service-kit#AuditLogPage',
});
