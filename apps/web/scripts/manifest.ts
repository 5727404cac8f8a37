import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type OperationDefinitionNode, parse } from 'graphql';
import { WEB_MANIFEST, WEB_ROOT } from '../paths.ts';

// Turns the client preset's persisted documents (hash → text) into the manifest the gateway loads,
// in the apollo-persisted-query-manifest format: one entry per operation, its id the hash the app sends.
const documents = JSON.parse(readFileSync(resolve(WEB_ROOT, 'src/__generated__/persisted-documents.json'), 'utf8')) as Record<
  string,
  string
>;
const operations = Object.entries(documents)
  .map(([id, body]) => {
    const operation = parse(body).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    if (!operation?.name) throw new Error(`Every operation of the web app needs a name; this one has none:\n${body}`);
    return { id, name: operation.name.value, type: operation.operation, body };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(WEB_MANIFEST, `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`);
console.log(`Wrote the manifest of ${operations.length} persisted operations.`);
