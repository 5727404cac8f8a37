import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { API_SCHEMA_SDL, clientSchemaSdl, composeFromConfig, REPO_ROOT, SUPERGRAPH_SDL } from './compose.ts';

// `npm run compose`: composes supergraph.yaml and writes gateway/supergraph.graphql, and the schema
// clients see (gateway/api-schema.graphql: what codegen for a client reads, @defer included).
const result = composeFromConfig();
if (!result.ok) {
  console.error(`Composition failed with ${result.errors.length} error(s):\n`);
  for (const error of result.errors) console.error(`  - ${error}\n`);
  console.error('gateway/supergraph.graphql was left unchanged.');
  process.exit(1);
}
// Stub types in extending subgraphs describe themselves in their own words; the owner's text wins. Not worth a line each.
const hints = result.hints.filter((h) => !h.startsWith('INCONSISTENT_DESCRIPTION'));
for (const hint of hints) console.log(`hint: ${hint}`);
writeFileSync(SUPERGRAPH_SDL, result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`);
writeFileSync(API_SCHEMA_SDL, clientSchemaSdl(result.supergraphSdl));
console.log(
  `Composed ${relative(REPO_ROOT, SUPERGRAPH_SDL)} from supergraph.yaml, and wrote the client schema ${relative(REPO_ROOT, API_SCHEMA_SDL)}.`,
);
