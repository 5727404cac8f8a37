import { subgraphCodegen } from '@supergraph/service-kit/codegen';

// Resolver types generated from the SDL; the mappers say which row or reference stands behind each type.
export default subgraphCodegen({
  Customer: '../resolvers/Customer.ts#CustomerRef',
  Store: '../resolvers/Store.ts#StoreRef',
  AuditEntry: '@supergraph/service-kit#AuditLogEntry',
  AuditEntryConnection: '@supergraph/service-kit#AuditLogPage',
  CustomerMetrics: '../metrics.ts#MetricsFigures',
});
