import type { CodegenConfig } from '@graphql-codegen/cli';

/** TypeScript types of the scalars every service shares (see SCALARS). */
const SCALAR_TYPES = { DateTime: 'Date', SafeInt: 'number', JSONObject: 'Record<string, unknown>' };

/**
 * A subgraph's GraphQL Code Generator config: resolver types generated from its SDL (with
 * federation's `__resolveReference`), so resolvers cannot drift from the schema. A subgraph says
 * only which TypeScript type stands behind each of its GraphQL types (`mappers`, paths relative to
 * `src/__generated__/`).
 */
export function subgraphCodegen(mappers: Record<string, string>): CodegenConfig {
  return {
    schema: 'src/schema.graphql',
    generates: {
      'src/__generated__/resolvers-types.ts': {
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useTypeImports: true,
          enumsAsTypes: true,
          contextType: '../context.ts#Context',
          mappers,
          scalars: SCALAR_TYPES,
        },
      },
    },
  };
}
