import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

// Typed documents for every `graphql(...)` in src, against the schema clients see (written by
// `npm run compose`), and their persisted documents (hash → text), which scripts/manifest.ts turns
// into the gateway's manifest. `__typename` is added here, as Apollo Client's cache adds it, so
// that the text the gateway runs by id is the text the cache expects.
const config: CodegenConfig = {
  schema: '../../gateway/api-schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/__generated__/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', SafeInt: 'number' },
      },
    },
  },
};
export default config;
