import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types generated from the SDL, so resolvers cannot drift from the schema.
const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../context.ts#Context',
        mappers: {
          Customer: '../resolvers/Customer.ts#CustomerRef',
          Store: '../resolvers/Store.ts#StoreRef',
          CustomerMetrics: '../metrics.ts#MetricsFigures',
        },
        scalars: { DateTime: 'Date', SafeInt: 'number' },
      },
    },
  },
};
export default config;
